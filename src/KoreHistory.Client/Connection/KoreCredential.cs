using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security;

namespace KoreHistory.Client;

/// <summary>
/// Either a client id + secret (a fresh token is minted for every request) or a ready-made token used as is.
/// The secret lives only as UTF-8 bytes in a private array, zeroed on Dispose; the token only as a SecureString.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class KoreCredential : IDisposable
{
    private readonly byte[]? secretBytes;
    private readonly SecureString? token;
    private bool disposed;

    private KoreCredential(string? clientId, byte[]? secretBytes, SecureString? token)
    {
        ClientId = clientId;
        this.secretBytes = secretBytes;
        this.token = token;
    }

    /// <summary>The app's client id; null for a ready-made token.</summary>
    public string? ClientId { get; }

    /// <summary>Whether tokens are minted per request (a client id and secret) rather than a ready-made token used as is.</summary>
    public bool CanMintTokens => secretBytes is not null;

    /// <summary>A client id and secret: a fresh token is minted for every request. The secret is copied; throws <see cref="KoreValidationException"/> when either is empty or the client id is malformed.</summary>
    public static KoreCredential FromClientSecret(string clientId, SecureString clientSecret)
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new KoreValidationException("ClientId must not be empty.", "ClientId");
        }

        QueryRules.Id(clientId, "ClientId");
        if (clientSecret is null || clientSecret.Length == 0)
        {
            throw new KoreValidationException("ClientSecret must not be empty.", "ClientSecret");
        }

        return new KoreCredential(clientId, SecureUtf8.ToBytes(clientSecret), null);
    }

    /// <summary>A ready-made token (copied), used as is; throws <see cref="KoreValidationException"/> when it does not look like a JWT.</summary>
    public static KoreCredential FromToken(SecureString token)
    {
        if (token is null || token.Length == 0)
        {
            throw new KoreValidationException("Token must not be empty.", "Token");
        }

        if (!SecureUtf8.LooksLikeJwt(token))
        {
            throw new KoreValidationException(
                "Token is not a JWT: expected three base64url parts separated by dots (header.payload.signature), as Kore.ai's auth header takes.",
                "Token");
        }

        var copy = token.Copy();
        copy.MakeReadOnly();
        return new KoreCredential(null, null, copy);
    }

    // The HMAC key, for the token minter only.
    internal byte[] SecretBytes
    {
        get
        {
            ThrowIfDisposed();
            return secretBytes ?? throw new InvalidOperationException("This credential holds a ready-made token, not a client secret.");
        }
    }

    // The ready-made token as a string, for the auth header of one request only.
    internal string RevealToken()
    {
        ThrowIfDisposed();
        if (token is null)
        {
            throw new InvalidOperationException("This credential holds a client secret, not a ready-made token.");
        }

        var pointer = Marshal.SecureStringToGlobalAllocUnicode(token);
        try
        {
            return Marshal.PtrToStringUni(pointer, token.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>"client id …" or "ready-made token": never the secret or the token.</summary>
    public override string ToString() => CanMintTokens ? $"client id {ClientId}" : "ready-made token";

    /// <summary>Zeroes the secret's bytes and disposes the token.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (secretBytes is not null)
        {
            Array.Clear(secretBytes, 0, secretBytes.Length);
        }

        token?.Dispose();
    }

    private void ThrowIfDisposed()
    {
        if (disposed)
        {
            throw new ObjectDisposedException(nameof(KoreCredential), "The credential was disposed; connect again.");
        }
    }
}
