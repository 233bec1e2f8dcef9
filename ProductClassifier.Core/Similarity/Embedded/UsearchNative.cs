using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>
/// The parts of libusearch_c (shipped by Cloud.Unum.USearch 2.26.6) that its managed <c>USearchIndex</c> leaves out:
/// setting the search expansion of a loaded or viewed index, filtered search, memory usage, thread limits and a saved
/// index's options.
/// Enums and the options struct are the package's own, so they match its native library.
/// </summary>
internal static unsafe partial class UsearchNative
{
    private const string Library = "libusearch_c";

    [LibraryImport(Library)] public static partial nint usearch_init(IndexOptions* options, out nint error);
    [LibraryImport(Library)] public static partial void usearch_free(nint index, out nint error);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void usearch_save(nint index, string path, out nint error);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void usearch_load(nint index, string path, out nint error);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void usearch_view(nint index, string path, out nint error);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void usearch_metadata(string path, IndexOptions* options, out nint error);
    [LibraryImport(Library)] public static partial nuint usearch_size(nint index, out nint error);
    [LibraryImport(Library)] public static partial nuint usearch_capacity(nint index, out nint error);
    [LibraryImport(Library)] public static partial nuint usearch_memory_usage(nint index, out nint error);
    [LibraryImport(Library)] public static partial void usearch_reserve(nint index, nuint capacity, out nint error);
    [LibraryImport(Library)] public static partial void usearch_change_expansion_search(nint index, nuint expansion, out nint error);
    [LibraryImport(Library)] public static partial void usearch_change_threads_add(nint index, nuint threads, out nint error);
    [LibraryImport(Library)] public static partial void usearch_change_threads_search(nint index, nuint threads, out nint error);
    [LibraryImport(Library)] public static partial void usearch_add(nint index, ulong key, void* vector, ScalarKind kind, out nint error);
    [LibraryImport(Library)] public static partial nuint usearch_remove(nint index, ulong key, out nint error);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool usearch_contains(nint index, ulong key, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_get(nint index, ulong key, nuint count, void* vector, ScalarKind kind, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_search(nint index, void* query, ScalarKind kind, nuint count,
        ulong* keys, float* distances, out nint error);

    [LibraryImport(Library)]
    public static partial nuint usearch_filtered_search(nint index, void* query, ScalarKind kind, nuint count,
        delegate* unmanaged[Cdecl]<ulong, nint, int> filter, nint filterState, ulong* keys, float* distances, out nint error);

    /// <summary>Throws when the native call reported an error (its message is static and must not be freed).</summary>
    public static void Check(nint error)
    {
        if (error != 0) throw new USearchException("USearch: " + Marshal.PtrToStringUTF8(error));
    }
}
