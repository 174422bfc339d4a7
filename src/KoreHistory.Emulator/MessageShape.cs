namespace KoreHistory.Emulator;

internal enum ContentKind { UserText, Attachment, Image, Greeting, BotText, Template, Alert, Action, AddedText, IdleTimeout }

internal readonly record struct MessageShape(bool Incoming, ContentKind Kind, int Source, EmulatedTag? Tag, ulong TextSeed)
{
    public bool IsAlertOrAction => Kind is ContentKind.Alert or ContentKind.Action;
}
