using System.Text;

namespace KoreHistory.Client;

// Text that came from a server (the API's error message, a content type, a transport's message) made safe to show
// in a terminal or a log: ANSI escape sequences (CSI "ESC [ … final", OSC "ESC ] … BEL|ESC \", and two-character
// escapes) and every other control character are removed, line breaks and tabs become spaces, and the Unicode
// direction overrides that can make text read other than it is (U+202A–U+202E, U+2066–U+2069) are dropped.
internal static class ServerText
{
    private const char Escape = '\u001b';

    public static string Printable(string text)
    {
        if (!NeedsCleaning(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape || c == '\u009b')
            {
                i = EndOfEscape(text, i);
            }
            else if (c is '\n' or '\r' or '\t')
            {
                clean.Append(' ');
            }
            else if (!char.IsControl(c) && !IsDirectionOverride(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || IsDirectionOverride(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDirectionOverride(char c) => c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    // The index of the last character of the escape sequence that starts at `start`.
    private static int EndOfEscape(string text, int start)
    {
        var i = start + 1;
        var csi = text[start] == '\u009b';
        if (!csi)
        {
            if (i >= text.Length)
            {
                return start;
            }

            if (text[i] == ']')
            {
                // OSC: until BEL or ESC \.
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '\u0007')
                    {
                        return i;
                    }

                    if (text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')
                    {
                        return i + 1;
                    }
                }

                return text.Length - 1;
            }

            if (text[i] != '[')
            {
                // A two-character escape (ESC 7, ESC c, …).
                return i;
            }

            i++;
        }

        // CSI: parameter and intermediate bytes, then one final byte in @ … ~.
        for (; i < text.Length; i++)
        {
            if (text[i] is >= '@' and <= '~')
            {
                return i;
            }

            if (text[i] is not (>= ' ' and <= '?'))
            {
                return i - 1;
            }
        }

        return text.Length - 1;
    }
}
