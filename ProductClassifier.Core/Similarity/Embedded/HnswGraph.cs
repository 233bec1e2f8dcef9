using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using static ProductClassifier.Core.Similarity.Embedded.UsearchNative;

namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>
/// One USearch HNSW graph over cosine distance, keyed by product id. Vectors go in and come out as float32 whatever
/// the graph stores (<see cref="VectorQuantization"/>). Searches may run concurrently with each other; adds may run
/// concurrently with each other after <see cref="Reserve"/>; the two never overlap (the owner guarantees one writer
/// and publishes a new file for readers instead of mutating a graph they search).
/// </summary>
internal sealed unsafe class HnswGraph : IDisposable
{
    private nint _handle;

    private HnswGraph(nint handle, int dimensions, VectorQuantization quantization) =>
        (_handle, Dimensions, Quantization) = (handle, dimensions, quantization);

    public int Dimensions { get; }

    public VectorQuantization Quantization { get; }

    public long Count
    {
        get
        {
            var size = usearch_size(_handle, out var error);
            Check(error);
            return (long)size;
        }
    }

    public long Capacity
    {
        get
        {
            var capacity = usearch_capacity(_handle, out var error);
            Check(error);
            return (long)capacity;
        }
    }

    /// <summary>Bytes the graph and its vectors occupy (a memory-mapped view counts what it maps).</summary>
    public long MemoryBytes
    {
        get
        {
            var bytes = usearch_memory_usage(_handle, out var error);
            Check(error);
            return (long)bytes;
        }
    }

    public static HnswGraph Create(int dimensions, int connectivity, int expansionAdd, int expansionSearch,
        VectorQuantization quantization = VectorQuantization.Float32)
    {
        var options = Options(dimensions, connectivity, expansionAdd, expansionSearch, quantization);
        var handle = usearch_init(&options, out var error);
        Check(error);
        return new HnswGraph(handle, dimensions, quantization);
    }

    /// <summary>A saved graph, read into memory or (<paramref name="view"/>) memory-mapped read-only.</summary>
    public static HnswGraph Open(string path, int dimensions, int expansionSearch, bool view)
    {
        IndexOptions saved;
        usearch_metadata(path, &saved, out var metadataError);
        Check(metadataError);
        var graph = Create(dimensions, 0, 0, expansionSearch, saved.quantization switch
        {
            ScalarKind.Float16 => VectorQuantization.Float16,
            ScalarKind.Int8 => VectorQuantization.Int8,
            _ => VectorQuantization.Float32,
        });
        try
        {
            nint error;
            if (view) usearch_view(graph._handle, path, out error);
            else usearch_load(graph._handle, path, out error);
            Check(error);
            // The file keeps the graph, not the search settings: set them again.
            graph.SetExpansionSearch(expansionSearch);
            return graph;
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    public void SetExpansionSearch(int expansion)
    {
        usearch_change_expansion_search(_handle, (nuint)expansion, out var error);
        Check(error);
    }

    /// <summary>Room for <paramref name="capacity"/> vectors in all, and for <paramref name="threads"/> concurrent adds and searches.</summary>
    public void Reserve(long capacity, int threads)
    {
        usearch_reserve(_handle, (nuint)capacity, out var error);
        Check(error);
        usearch_change_threads_add(_handle, (nuint)threads, out error);
        Check(error);
        usearch_change_threads_search(_handle, (nuint)threads, out error);
        Check(error);
    }

    public void Add(long key, ReadOnlySpan<float> vector)
    {
        CheckDimensions(vector);
        nint error;
        if (Quantization == VectorQuantization.Int8)
        {
            Span<sbyte> scaled = stackalloc sbyte[Dimensions];
            ToInt8(vector, scaled);
            fixed (sbyte* v = scaled) usearch_add(_handle, (ulong)key, v, ScalarKind.Int8, out error);
        }
        else
            fixed (float* v = vector) usearch_add(_handle, (ulong)key, v, ScalarKind.Float32, out error);
        Check(error);
    }

    public bool Remove(long key)
    {
        var removed = usearch_remove(_handle, (ulong)key, out var error);
        Check(error);
        return removed > 0;
    }

    public bool Contains(long key)
    {
        var found = usearch_contains(_handle, (ulong)key, out var error);
        Check(error);
        return found;
    }

    /// <summary>Copies the stored vector of <paramref name="key"/> into <paramref name="vector"/>; false when absent.</summary>
    public bool TryGet(long key, Span<float> vector)
    {
        CheckDimensions(vector);
        nuint found;
        nint error;
        if (Quantization == VectorQuantization.Int8)
        {
            Span<sbyte> stored = stackalloc sbyte[Dimensions];
            fixed (sbyte* v = stored) found = usearch_get(_handle, (ulong)key, 1, v, ScalarKind.Int8, out error);
            // The direction is what cosine compares; the stored form is the vector scaled to a largest component of 127.
            for (var i = 0; i < Dimensions; i++) vector[i] = stored[i] / 127f;
        }
        else
            fixed (float* v = vector) found = usearch_get(_handle, (ulong)key, 1, v, ScalarKind.Float32, out error);
        Check(error);
        return found > 0;
    }

    /// <summary>The nearest keys and their cosine distances, nearest first; returns how many were found.</summary>
    public int Search(ReadOnlySpan<float> query, Span<long> keys, Span<float> distances)
    {
        CheckDimensions(query);
        Span<sbyte> scaled = stackalloc sbyte[Quantization == VectorQuantization.Int8 ? Dimensions : 0];
        var kind = QueryKind(query, scaled);
        nuint found;
        nint error;
        fixed (float* f = query)
        fixed (sbyte* i = scaled)
        fixed (long* k = keys)
        fixed (float* d = distances)
            found = usearch_search(_handle, kind == ScalarKind.Int8 ? i : f, kind, (nuint)Math.Min(keys.Length, distances.Length), (ulong*)k, d, out error);
        Check(error);
        return (int)found;
    }

    /// <summary>As <see cref="Search(ReadOnlySpan{float}, Span{long}, Span{float})"/>, among the keys <paramref name="accept"/> admits (USearch asks it during the walk).</summary>
    public int Search(ReadOnlySpan<float> query, Func<long, bool> accept, Span<long> keys, Span<float> distances)
    {
        CheckDimensions(query);
        Span<sbyte> scaled = stackalloc sbyte[Quantization == VectorQuantization.Int8 ? Dimensions : 0];
        var kind = QueryKind(query, scaled);
        var state = GCHandle.Alloc(accept);
        try
        {
            nuint found;
            nint error;
            fixed (float* f = query)
            fixed (sbyte* i = scaled)
            fixed (long* k = keys)
            fixed (float* d = distances)
                found = usearch_filtered_search(_handle, kind == ScalarKind.Int8 ? i : f, kind, (nuint)Math.Min(keys.Length, distances.Length),
                    &Accept, GCHandle.ToIntPtr(state), (ulong*)k, d, out error);
            Check(error);
            return (int)found;
        }
        finally
        {
            state.Free();
        }
    }

    public void Save(string path)
    {
        usearch_save(_handle, path, out var error);
        Check(error);
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0) usearch_free(handle, out _);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Accept(ulong key, nint state)
    {
        // An exception must not unwind into native code: a failing predicate rejects the key.
        try { return ((Func<long, bool>)GCHandle.FromIntPtr(state).Target!)((long)key) ? 1 : 0; }
        catch { return 0; }
    }

    /// <summary>The query in the form the graph compares: int8 graphs get it scaled like their vectors.</summary>
    private ScalarKind QueryKind(ReadOnlySpan<float> query, Span<sbyte> scaled)
    {
        if (Quantization != VectorQuantization.Int8) return ScalarKind.Float32;
        ToInt8(query, scaled);
        return ScalarKind.Int8;
    }

    /// <summary>
    /// Scales a vector so its largest component is ±127 and rounds it. USearch's own float-to-int8 cast scales to unit
    /// length first, which leaves a 512-d unit vector's components at a handful of levels (±0.04 × 127 ≈ ±5); cosine
    /// does not see the scale, so using the whole range keeps far more of the direction.
    /// </summary>
    internal static void ToInt8(ReadOnlySpan<float> vector, Span<sbyte> scaled)
    {
        var largest = 0f;
        foreach (var v in vector) largest = Math.Max(largest, Math.Abs(v));
        var factor = largest > 0 ? 127f / largest : 0f;
        for (var i = 0; i < vector.Length; i++) scaled[i] = (sbyte)Math.Round(vector[i] * factor);
    }

    private static IndexOptions Options(int dimensions, int connectivity, int expansionAdd, int expansionSearch,
        VectorQuantization quantization) => new()
        {
            metric_kind = MetricKind.Cos,
            // Stored form: float32 in and out, converted by USearch, except int8, which this class scales itself (ToInt8).
            quantization = quantization switch
            {
                VectorQuantization.Float16 => ScalarKind.Float16,
                VectorQuantization.Int8 => ScalarKind.Int8,
                _ => ScalarKind.Float32,
            },
            dimensions = (ulong)dimensions,
            connectivity = (ulong)connectivity,
            expansion_add = (ulong)expansionAdd,
            expansion_search = (ulong)expansionSearch,
            multi = false,
        };

    private void CheckDimensions(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
            throw new ArgumentException($"Vectors here have {Dimensions} dimensions, not {vector.Length}.");
    }
}
