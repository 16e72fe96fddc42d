package dev.outreach.suppression;

import java.util.Arrays;

/**
 * Builds a {@link NationalDncIndex} from a stream of numbers with bounded extra memory: numbers of
 * full files first ({@link #add}), then the entries of change files in order ({@link #change}).
 * Nothing is boxed; the only buffers are primitive arrays.
 *
 * <p>Full-file numbers collect in one {@code int[]} per area code. When all those buffers together
 * hold {@code fullBudget} numbers (and at the end), each is sorted and deduplicated (skipped when
 * the file was already in order; through a 1 MB bitmap when large), and merged into that area code's
 * compressed set, so building a 260-million-number registry needs the compressed sets plus
 * {@code fullBudget} buffered ints (64 MB by default; up to twice that in array capacity), not a
 * 1 GB array.
 *
 * <p>Change entries collect, in file and line order, in one {@code long[]} of at most
 * {@code changeBudget} entries holding (number, position, addition or deletion). When it is full
 * (and at the end) it is sorted by number then position; for each number the entry latest in
 * order wins, and each touched area code's set is rewritten once as a sorted merge
 * {@code (set ∪ additions) − deletions}. Batches apply in order, so the result is exactly that of
 * applying every line one after the other.
 *
 * <p>Not thread-safe; used once.
 */
final class NationalDncIndexBuilder {

    static final int DEFAULT_FULL_BUDGET = 16 << 20;   // 64 MB of int buffers
    static final int DEFAULT_CHANGE_BUDGET = 4 << 20;  // 32 MB of long entries

    private static final int SUBSCRIBER_BITS = 23;     // 8_000_000 < 2^23
    private static final int POSITION_BITS = 23;       // position within a batch, with the op bit below
    private static final int INITIAL_BUFFER = 1024;
    /** Below this many buffered numbers, sorting beats a pass over the 1 MB bitmap. */
    private static final int BITMAP_SORT_MIN = 1 << 13;

    private final int fullBudget;
    private final int changeBudget;
    private final AreaCodeNumbers[] sets = new AreaCodeNumbers[NationalDncIndex.AREA_CODES];

    private final int[][] buffers = new int[NationalDncIndex.AREA_CODES][];
    private final int[] buffered = new int[NationalDncIndex.AREA_CODES];
    private final boolean[] unordered = new boolean[NationalDncIndex.AREA_CODES];
    private long bufferedTotal;

    private long[] changes;
    private int changeCount;

    private long[] bitmap; // scratch of bitmapSortDistinct, all zero between calls
    private int[] additions = new int[INITIAL_BUFFER];
    private int[] deletions = new int[INITIAL_BUFFER];
    private boolean built;

    NationalDncIndexBuilder() {
        this(DEFAULT_FULL_BUDGET, DEFAULT_CHANGE_BUDGET);
    }

    /** Small budgets let tests exercise the batch merges. */
    NationalDncIndexBuilder(int fullBudget, int changeBudget) {
        if (fullBudget < 1 || changeBudget < 1 || changeBudget >= 1 << POSITION_BITS) {
            throw new IllegalArgumentException("budgets out of range");
        }
        this.fullBudget = fullBudget;
        this.changeBudget = changeBudget;
    }

    /**
     * A number of a full file.
     *
     * @throws IllegalStateException after the first {@link #change}: full files come first
     */
    void add(int areaCodeIndex, int subscriber) {
        if (changes != null) {
            throw new IllegalStateException("full files are read before change files");
        }
        int[] buffer = buffers[areaCodeIndex];
        int n = buffered[areaCodeIndex];
        if (buffer == null) {
            buffer = buffers[areaCodeIndex] = new int[INITIAL_BUFFER];
        } else if (n > 0) {
            int last = buffer[n - 1];
            if (subscriber == last) {
                return; // a repeated line: cheap to drop here, and the set ignores duplicates anyway
            }
            if (subscriber < last) {
                unordered[areaCodeIndex] = true;
            }
            if (n == buffer.length) {
                buffer = buffers[areaCodeIndex] = Arrays.copyOf(buffer, n * 2);
            }
        }
        buffer[n] = subscriber;
        buffered[areaCodeIndex] = n + 1;
        if (++bufferedTotal >= fullBudget) {
            mergeBuffers();
        }
    }

    /** An entry of a change file, in file and line order. */
    void change(int areaCodeIndex, int subscriber, boolean addition) {
        if (changes == null) {
            mergeBuffers();
            changes = new long[Math.min(changeBudget, 1 << 16)];
        }
        if (changeCount == changes.length) {
            changes = Arrays.copyOf(changes, Math.min(changeBudget, changeCount * 2));
        }
        long key = ((long) areaCodeIndex << SUBSCRIBER_BITS) | subscriber;
        changes[changeCount] = (key << (POSITION_BITS + 1)) | ((long) changeCount << 1) | (addition ? 1 : 0);
        if (++changeCount == changeBudget) {
            applyChanges();
        }
    }

    NationalDncIndex build() {
        if (built) {
            throw new IllegalStateException("already built");
        }
        built = true;
        mergeBuffers();
        applyChanges();
        changes = null;
        return new NationalDncIndex(sets.clone());
    }

    private void mergeBuffers() {
        if (bufferedTotal == 0) {
            return;
        }
        for (int area = 0; area < buffers.length; area++) {
            int n = buffered[area];
            if (n == 0) {
                continue;
            }
            int[] buffer = buffers[area];
            if (unordered[area]) {
                n = n < BITMAP_SORT_MIN ? sortDistinct(buffer, n) : bitmapSortDistinct(buffer, n);
            }
            sets[area] = merged(sets[area], buffer, n, deletions, 0);
            buffers[area] = null;
            buffered[area] = 0;
            unordered[area] = false;
        }
        bufferedTotal = 0;
    }

    private void applyChanges() {
        if (changeCount == 0) {
            return;
        }
        long[] entries = changes;
        int n = changeCount;
        Arrays.sort(entries, 0, n); // by number, then by position in the files
        int area = -1;
        int adds = 0;
        int dels = 0;
        for (int i = 0; i < n; i++) {
            long key = entries[i] >>> (POSITION_BITS + 1);
            if (i + 1 < n && entries[i + 1] >>> (POSITION_BITS + 1) == key) {
                continue; // a later line for the same number wins
            }
            int entryArea = (int) (key >>> SUBSCRIBER_BITS);
            int subscriber = (int) (key & ((1 << SUBSCRIBER_BITS) - 1));
            if (entryArea != area) {
                if (area >= 0) {
                    sets[area] = merged(sets[area], additions, adds, deletions, dels);
                }
                area = entryArea;
                adds = 0;
                dels = 0;
            }
            if ((entries[i] & 1) != 0) {
                additions = append(additions, adds++, subscriber);
            } else {
                deletions = append(deletions, dels++, subscriber);
            }
        }
        sets[area] = merged(sets[area], additions, adds, deletions, dels);
        changeCount = 0;
    }

    /**
     * {@code (set ∪ adds) − dels} as one pass over three ascending streams.
     *
     * @param adds ascending, distinct, first {@code addCount} used
     * @param dels ascending, distinct, first {@code delCount} used
     */
    static AreaCodeNumbers merged(AreaCodeNumbers set, int[] adds, int addCount, int[] dels, int delCount) {
        AreaCodeNumbers current = set == null ? AreaCodeNumbers.EMPTY : set;
        if (addCount == 0 && delCount == 0) {
            return current;
        }
        AreaCodeNumbers.Cursor cursor = current.cursor();
        AreaCodeNumbers.Writer out = new AreaCodeNumbers.Writer();
        int a = 0;
        int d = 0;
        int next = cursor.hasNext() ? cursor.next() : Integer.MAX_VALUE;
        while (next != Integer.MAX_VALUE || a < addCount) {
            int value;
            if (a < addCount && adds[a] <= next) {
                value = adds[a++];
                if (value == next) {
                    next = cursor.hasNext() ? cursor.next() : Integer.MAX_VALUE;
                }
            } else {
                value = next;
                next = cursor.hasNext() ? cursor.next() : Integer.MAX_VALUE;
            }
            while (d < delCount && dels[d] < value) {
                d++;
            }
            if (d < delCount && dels[d] == value) {
                continue;
            }
            out.add(value);
        }
        return out.finish();
    }

    private static int sortDistinct(int[] values, int n) {
        Arrays.sort(values, 0, n);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (kept == 0 || values[i] != values[kept - 1]) {
                values[kept++] = values[i];
            }
        }
        return kept;
    }

    /**
     * Sorts and deduplicates values in [0, 8_000_000) through a 1 MB bitmap: linear, and several
     * times faster than {@code Arrays.sort} on a shuffled area code of hundreds of thousands. The
     * bitmap is left all zero for the next call.
     */
    private int bitmapSortDistinct(int[] values, int n) {
        long[] bits = bitmap;
        if (bits == null) {
            bits = bitmap = new long[AreaCodeNumbers.SUBSCRIBERS / 64 + 1];
        }
        for (int i = 0; i < n; i++) {
            int v = values[i];
            bits[v >>> 6] |= 1L << v;
        }
        int kept = 0;
        for (int word = 0; word < bits.length; word++) {
            long w = bits[word];
            if (w != 0) {
                bits[word] = 0;
                do {
                    values[kept++] = (word << 6) + Long.numberOfTrailingZeros(w);
                    w &= w - 1;
                } while (w != 0);
            }
        }
        return kept;
    }

    private static int[] append(int[] values, int at, int value) {
        int[] target = at == values.length ? Arrays.copyOf(values, at * 2) : values;
        target[at] = value;
        return target;
    }
}
