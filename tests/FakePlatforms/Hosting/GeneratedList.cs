using System.Collections;

namespace Connections.FakePlatforms.Hosting;

/// <summary>A read-only list whose items are computed from their index on access: thousands of messages, no memory.</summary>
internal sealed class GeneratedList<T>(int count, Func<int, T> itemAt) : IReadOnlyList<T>
{
    public int Count { get; } = count;

    public T this[int index] =>
        (uint)index < (uint)Count ? itemAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return itemAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal static class SortedLists
{
    /// <summary>The first index whose key is greater than (or, with <paramref name="orEqual"/>, equal to) <paramref name="key"/>; Count when none.</summary>
    public static int FirstAbove<T, TKey>(this IReadOnlyList<T> list, Func<T, TKey> keyOf, TKey key, bool orEqual)
        where TKey : IComparable<TKey>
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var comparison = keyOf(list[mid]).CompareTo(key);
            if (comparison > 0 || (orEqual && comparison == 0))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
