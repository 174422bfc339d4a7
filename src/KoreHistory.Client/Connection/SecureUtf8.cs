using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace KoreHistory.Client;

// A SecureString's UTF-8 bytes and shape, read without making a managed string of it.
internal static class SecureUtf8
{
    // Three non-empty base64url parts separated by dots, checked without making a managed string of the token.
    public static unsafe bool LooksLikeJwt(SecureString value)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
        try
        {
            var chars = (char*)pointer;
            var dots = 0;
            var partLength = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = chars[i];
                if (c == '.')
                {
                    if (partLength == 0)
                    {
                        return false;
                    }

                    dots++;
                    partLength = 0;
                }
                else if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_')
                {
                    partLength++;
                }
                else
                {
                    return false;
                }
            }

            return dots == 2 && partLength > 0;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    // SecureString → UTF-8 bytes without an intermediate managed string.
    public static unsafe byte[] ToBytes(SecureString value)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
        try
        {
            var chars = (char*)pointer;
            var count = Encoding.UTF8.GetByteCount(chars, value.Length);
            var bytes = new byte[count];
            fixed (byte* target = bytes)
            {
                Encoding.UTF8.GetBytes(chars, value.Length, target, count);
            }

            return bytes;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
