using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace ProductClassifier.Web.Charts;

/// <summary>A reusable line chart: learning curves of a job (live and stored), or any series over rounds or versions.</summary>
public sealed partial class LineChart
{
    private const double Width = 640, Left = 52, Right = 12, Top = 10, Bottom = 36;

    // Tableau 10: distinct for up to ten groups, then repeated.
    private static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    private readonly HashSet<string> _hidden = [];
    private List<string> _groups = [];
    private AxisScale _x = AxisScale.Unit, _y = AxisScale.Unit;

    [Parameter, EditorRequired] public IReadOnlyList<LineSeries> Series { get; set; } = [];
    [Parameter] public string? Title { get; set; }
    [Parameter] public string? XTitle { get; set; }
    [Parameter] public string? YTitle { get; set; }

    /// <summary>A fixed y axis (<see cref="AxisScale.Unit"/> for scores); null: fitted to the visible lines.</summary>
    [Parameter] public AxisScale? YScale { get; set; }

    /// <summary>Groups hidden at first (the legend shows them greyed).</summary>
    [Parameter] public IReadOnlyCollection<string>? InitiallyHidden { get; set; }
    [Parameter] public double Height { get; set; } = 260;
    [Parameter] public string? TestId { get; set; }
    [Parameter] public string EmptyText { get; set; } = "Nothing to draw yet.";

    /// <summary>How a point's x reads in its tooltip ("epoch 7").</summary>
    [Parameter] public Func<double, string> XLabel { get; set; } = x => x.ToString("0.##", CultureInfo.InvariantCulture);

    private bool _initialised;

    private IEnumerable<LineSeries> Visible => Series.Where(s => !_hidden.Contains(s.Group));

    protected override void OnParametersSet()
    {
        _groups = Series.Select(s => s.Group).Distinct().ToList();
        if (!_initialised && InitiallyHidden is not null) _hidden.UnionWith(InitiallyHidden);
        _initialised = true;
        Rescale();
    }

    private void Toggle(string group)
    {
        if (!_hidden.Remove(group)) _hidden.Add(group);
        Rescale();
    }

    // The axes follow what is shown, so hiding a member whose loss is ten times the others' brings the rest into view.
    private void Rescale()
    {
        var points = Visible.SelectMany(s => s.Points).ToList();
        if (points.Count == 0) points = Series.SelectMany(s => s.Points).ToList();
        _x = AxisScale.Fit(points.Select(p => p.X), ticks: 8, wholeSteps: points.All(p => p.X == Math.Round(p.X)));
        _y = YScale ?? AxisScale.Fit(points.Select(p => p.Y));
    }

    // Razor keeps <text> for itself, so the SVG element is written here.
    private static RenderFragment SvgText(double x, double y, string anchor, string cssClass, string content, string? axis = null,
        bool rotate = false) => builder =>
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", F(x));
        builder.AddAttribute(2, "y", F(y));
        builder.AddAttribute(3, "text-anchor", anchor);
        builder.AddAttribute(4, "class", cssClass);
        if (axis is not null) builder.AddAttribute(5, "data-axis", axis);
        if (rotate) builder.AddAttribute(6, "transform", $"rotate(-90 {F(x)} {F(y)})");
        builder.AddContent(7, content);
        builder.CloseElement();
    };

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private string ColourOf(string group) => Palette[Math.Max(0, _groups.IndexOf(group)) % Palette.Length];

    private double X(double value) => Left + _x.Position(value) * (Width - Left - Right);

    private double Y(double value) => Height - Bottom - Math.Clamp(_y.Position(value), -0.02, 1.02) * (Height - Top - Bottom);

    private string Points(LineSeries line) =>
        string.Join(' ', line.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.#},{Y(p.Y):0.#}")));

    private string Tooltip(LineSeries line, ChartPoint point) =>
        $"{line.Name}: {XLabel(point.X)}, {point.Y.ToString("0.####", CultureInfo.InvariantCulture)}";
}
