using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ShoppingConnectivity.TestSupport.Architecture;

/// <summary>
/// Which folders (namespaces below a root) of a compiled assembly use which, read from its IL: every type named by a
/// type's base type, interfaces, fields, properties, signatures, attributes and method bodies. Unlike `using` lines it
/// also sees fully qualified names and types of a parent namespace, which C# resolves without a using.
/// </summary>
public sealed class FolderGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private FolderGraph(IEnumerable<string> folders)
    {
        foreach (var folder in folders) _edges.TryAdd(folder, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>Every folder with at least one type.</summary>
    public IReadOnlyCollection<string> Folders => _edges.Keys;

    /// <summary>The folders <paramref name="folder"/> uses, each with one example ("A uses B").</summary>
    public IReadOnlyDictionary<string, string> DependenciesOf(string folder) =>
        _edges.TryGetValue(folder, out var to) ? to : new Dictionary<string, string>();

    /// <param name="folderOf">The folder of a namespace, or null for types outside the graph (the global namespace, generated helpers).</param>
    public static FolderGraph Read(string assemblyPath, Func<string, string?> folderOf)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var types = assembly.MainModule.Types.Where(t => folderOf(t.Namespace) is not null).ToList();
        var graph = new FolderGraph(types.Select(t => folderOf(t.Namespace)!));
        foreach (var type in types)
        {
            var from = folderOf(type.Namespace)!;
            foreach (var used in UsedTypes(type))
            {
                if (folderOf(NamespaceOf(used)) is not { } to || to == from) continue;
                graph._edges[from].TryAdd(to, $"{type.FullName} uses {used.FullName}");
            }
        }

        return graph;
    }

    /// <summary>The groups of folders that depend on each other in a circle (strongly connected components of two or more).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        // Tarjan's algorithm.
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            indices[v] = lowLinks[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in DependenciesOf(v).Keys)
            {
                if (!indices.ContainsKey(w))
                {
                    Visit(w);
                    lowLinks[v] = Math.Min(lowLinks[v], lowLinks[w]);
                }
                else if (onStack.Contains(w))
                {
                    lowLinks[v] = Math.Min(lowLinks[v], indices[w]);
                }
            }

            if (lowLinks[v] != indices[v]) return;
            var component = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            }
            while (popped != v);

            if (component.Count > 1) cycles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var folder in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!indices.ContainsKey(folder)) Visit(folder);
        }

        return cycles;
    }

    /// <summary>A cycle in words, each of its edges with an example: what a failing test prints.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(Environment.NewLine, cycle.SelectMany(from => DependenciesOf(from)
            .Where(d => cycle.Contains(d.Key))
            .Select(d => $"  {from} -> {d.Key}: {d.Value}")));

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Collect(type, found);
        return found.SelectMany(Flatten);
    }

    private static void Collect(TypeDefinition type, List<TypeReference> found)
    {
        if (type.BaseType is not null) found.Add(type.BaseType);
        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        Attributes(type.CustomAttributes, found);
        foreach (var parameter in type.GenericParameters) found.AddRange(parameter.Constraints.Select(c => c.ConstraintType));
        foreach (var field in type.Fields)
        {
            found.Add(field.FieldType);
            Attributes(field.CustomAttributes, found);
        }

        foreach (var property in type.Properties)
        {
            found.Add(property.PropertyType);
            Attributes(property.CustomAttributes, found);
        }

        foreach (var method in type.Methods)
        {
            found.Add(method.ReturnType);
            Attributes(method.CustomAttributes, found);
            foreach (var parameter in method.Parameters)
            {
                found.Add(parameter.ParameterType);
                Attributes(parameter.CustomAttributes, found);
            }

            if (!method.HasBody) continue;
            found.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions) Operand(instruction, found);
        }

        foreach (var nested in type.NestedTypes) Collect(nested, found);
    }

    private static void Operand(Instruction instruction, List<TypeReference> found)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                found.Add(t);
                break;
            case MethodReference m:
                found.Add(m.DeclaringType);
                found.Add(m.ReturnType);
                found.AddRange(m.Parameters.Select(p => p.ParameterType));
                if (m is GenericInstanceMethod g) found.AddRange(g.GenericArguments);
                break;
            case FieldReference f:
                found.Add(f.DeclaringType);
                found.Add(f.FieldType);
                break;
        }
    }

    private static void Attributes(IEnumerable<CustomAttribute> attributes, List<TypeReference> found)
    {
        foreach (var attribute in attributes)
        {
            found.Add(attribute.AttributeType);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
            {
                if (argument.Value is TypeReference t) found.Add(t);
            }
        }
    }

    /// <summary>The type itself and every type inside it: element types of arrays and references, generic arguments.</summary>
    private static IEnumerable<TypeReference> Flatten(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Flatten)) yield return argument;
                break;
            case TypeSpecification specification:
                foreach (var element in Flatten(specification.ElementType)) yield return element;
                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
