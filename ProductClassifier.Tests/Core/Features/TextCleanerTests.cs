using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.Features;

public sealed class TextCleanerTests
{
    private static readonly CleaningOptions All = new();

    [Fact]
    public void Strips_tags_and_decodes_entities()
    {
        Assert.Equal("café & bar soft cotton", TextCleaner.Clean("<p>Caf&eacute; &amp; Bar<br/>Soft<b>cotton</b></p>", All));
        Assert.Equal("before after", TextCleaner.Clean("Before<script>var x = '<b>';</script>after", All));
        Assert.Equal("size < 5 and > 3", TextCleaner.Clean("Size < 5 and > 3", All));
    }

    [Fact]
    public void Collapses_whitespace_and_trims()
    {
        Assert.Equal("a b c", TextCleaner.Clean("  a \t\n b\u00a0\u00a0c \r\n", All));
        Assert.Equal("", TextCleaner.Clean(null, All));
    }

    [Fact]
    public void Normalises_unicode_and_lower_cases()
    {
        Assert.Equal("fine tee 2", TextCleaner.Clean("ﬁne Ｔｅｅ ²", All)); // ligature, full-width letters, superscript
        Assert.Equal("café", TextCleaner.Clean("Cafe\u0301", All)); // combining accent composed
        Assert.Equal("ΣΟΦΙΑ".ToLowerInvariant(), TextCleaner.Clean("ΣΟΦΙΑ", All));
    }

    [Fact]
    public void Leaves_text_alone_when_switched_off()
    {
        var none = new CleaningOptions { StripHtml = false, NormalizeUnicode = false, Lowercase = false, CollapseWhitespace = false };
        Assert.Equal("<b>ＢＩＧ</b>  &amp;", TextCleaner.Clean("<b>ＢＩＧ</b>  &amp;", none));
    }
}
