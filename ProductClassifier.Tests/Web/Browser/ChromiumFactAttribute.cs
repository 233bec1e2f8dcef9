namespace ProductClassifier.Tests.Web.Browser;

/// <summary>A test that drives Chromium: reported as skipped, with the reason, only where Chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled) Skip = Chromium.MissingReason;
    }
}
