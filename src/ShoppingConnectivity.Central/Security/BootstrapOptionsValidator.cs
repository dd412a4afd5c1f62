using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

public sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var s = BootstrapOptions.Section;
        var errors = new List<string>();
        var hasUser = !string.IsNullOrWhiteSpace(options.AdminUser);
        var hasPassword = !string.IsNullOrEmpty(options.AdminPassword);
        if (hasUser != hasPassword)
            errors.Add($"{s}:AdminUser and {s}:AdminPassword go together: set both or neither.");
        if (hasUser && !UserNames.IsValid(options.AdminUser!))
            errors.Add($"{s}:AdminUser: {UserNames.Rule}");
        if (hasPassword && options.AdminPassword!.Length < Passwords.MinimumLength)
            errors.Add($"{s}:AdminPassword must be at least {Passwords.MinimumLength} characters (it is {options.AdminPassword.Length}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
