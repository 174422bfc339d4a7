using System.Reflection;

namespace KoreHistory.ModuleTests;

/// Issue 7: the engine's dependencies live in a private load context, so a type of theirs reaching a user (through a
/// cmdlet's parameter, an output object, or any public member of a type reachable from them) would be a type from
/// another world than the one the user's other modules use. Nothing public may lead to one.
public sealed class PublicSurfaceTests
{
    private const BindingFlags PublicMembers = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_type_reachable_from_the_entry_assemblys_public_surface_comes_from_a_dependency()
    {
        var dependencyNames = Directory.EnumerateFiles(Path.Combine(ModuleFiles.ModuleOutputDirectory, "dependencies"), "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != ModuleFiles.ClientAssembly.GetName().Name)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("System.IdentityModel.Tokens.Jwt", dependencyNames);
        var ours = new[] { ModuleFiles.ModuleAssembly, ModuleFiles.ClientAssembly };

        var offenders = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<(Type Type, string Via)>();
        void Reach(Type? type, string via)
        {
            if (type is null)
            {
                return;
            }
            if (type.HasElementType)
            {
                Reach(type.GetElementType(), via);
                return;
            }
            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                Reach(type.GetGenericTypeDefinition(), via);
                foreach (var argument in type.GetGenericArguments())
                {
                    Reach(argument, via);
                }
                return;
            }
            if (!type.IsGenericParameter && seen.Add(type))
            {
                pending.Enqueue((type, via));
            }
        }

        foreach (var type in ModuleFiles.ModuleAssembly.GetExportedTypes())
        {
            Reach(type, type.FullName!);
        }
        while (pending.TryDequeue(out var item))
        {
            var (type, via) = item;
            if (dependencyNames.Contains(type.Assembly.GetName().Name!))
            {
                offenders.Add($"{via} -> {type.FullName} ({type.Assembly.GetName().Name})");
                continue;
            }
            if (!ours.Contains(type.Assembly))
            {
                continue;
            }
            Reach(type.BaseType, type.Name);
            foreach (var implemented in type.GetInterfaces())
            {
                Reach(implemented, type.Name);
            }
            foreach (var property in type.GetProperties(PublicMembers))
            {
                Reach(property.PropertyType, $"{type.Name}.{property.Name}");
            }
            foreach (var field in type.GetFields(PublicMembers))
            {
                Reach(field.FieldType, $"{type.Name}.{field.Name}");
            }
            foreach (var method in type.GetMethods(PublicMembers).Cast<MethodBase>().Concat(type.GetConstructors(PublicMembers)))
            {
                if (method is MethodInfo withResult)
                {
                    Reach(withResult.ReturnType, $"{type.Name}.{method.Name}");
                }
                foreach (var parameter in method.GetParameters())
                {
                    Reach(parameter.ParameterType, $"{type.Name}.{method.Name}({parameter.Name})");
                }
            }
            foreach (var publicEvent in type.GetEvents(PublicMembers))
            {
                Reach(publicEvent.EventHandlerType, $"{type.Name}.{publicEvent.Name}");
            }
        }

        Assert.Contains(typeof(Client.KoreMessage), seen);
        Assert.Empty(offenders);
    }
}
