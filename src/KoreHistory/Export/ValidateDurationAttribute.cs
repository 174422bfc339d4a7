using System.Globalization;
using System.Management.Automation;

namespace KoreHistory.Export;

/// Refuses a TimeSpan parameter outside [minimum, maximum] at binding, with the range in the message (ValidateRange
/// takes no TimeSpan in the PowerShell Standard reference this module compiles against).
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ValidateDurationAttribute : ValidateArgumentsAttribute
{
    private readonly TimeSpan minimum;
    private readonly TimeSpan maximum;

    public ValidateDurationAttribute(string minimum, string maximum)
    {
        this.minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        this.maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is TimeSpan duration && (duration < minimum || duration > maximum))
        {
            throw new ValidationMetadataException($"The duration {duration} is out of range: give one from {minimum} to {maximum}.");
        }
    }
}
