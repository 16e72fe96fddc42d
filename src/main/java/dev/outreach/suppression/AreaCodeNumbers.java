package dev.outreach.suppression;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The registered subscriber numbers of one NANP area code, as an immutable compressed sorted set.
 *
 * <p>A subscriber number is the 7 digits after the area code, stored as
 * {@code (exchange - 200) * 10_000 + line}, so every valid one (exchange 200–999) is an int in
 * {@code [0, 8_000_000)}.
 *
 * <p>Layout (frame-of-reference delta blocks): the sorted values are cut into blocks of
 * {@value #BLOCK}. Per block the index keeps its first value ({@code firsts}), the bit offset of
 * the block's packed gaps in {@code data} ({@code bitStarts}) and one bit width
 * ({@code widths}). The other 127 values of a block are stored as {@code gap - 1} (gaps between
 * distinct sorted values are at least 1), each in exactly that block's width: the bits of the
 * largest gap in the block. A lookup binary-searches {@code firsts} and decodes at most one block,
 * one unaligned 8-byte read per value.
 *
 * <p>Size: with gaps averaging {@code g} the largest of 127 is about {@code 4.8 g}, so a number
 * costs about {@code log2(g) + 2.8} bits plus 9 bytes per block (0.07 bytes a number). At the
 * density of the real registry (about 10% of an area code's 8 million numbers, {@code g ≈ 10})
 * that is 0.83 bytes a number (measured, bench/README.md); the sparser the area code, the more
 * bits (2 million numbers over 60 area codes: about 1.4 bytes).
 */
final class AreaCodeNumbers {

    /** Values per block; the skip arrays cost 9 / BLOCK bytes a number. */
    static final int BLOCK = 128;
    /** Subscriber numbers per area code: exchanges 200–999 times lines 0000–9999. */
    static final int SUBSCRIBERS = 8_000_000;

    static final AreaCodeNumbers EMPTY = new AreaCodeNumbers(0, new int[0], new int[0], new byte[0], new byte[0]);

    private static final long OBJECT_BYTES = 32; // header, size field and four references, aligned
    /** Reads 8 bytes at any byte offset as one little-endian long: one load per packed value. */
    private static final VarHandle LONG_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes after the last packed bit, so an 8-byte read at any value's byte offset stays inside. */
    private static final int PADDING = 8;

    private final int size;
    private final int[] firsts;
    private final int[] bitStarts;
    private final byte[] widths;
    /** The packed gaps, as a little-endian bit stream: bit {@code i} is bit {@code i % 8} of byte {@code i / 8}. */
    private final byte[] data;

    AreaCodeNumbers(int size, int[] firsts, int[] bitStarts, byte[] widths, byte[] data) {
        this.size = size;
        this.firsts = firsts;
        this.bitStarts = bitStarts;
        this.widths = widths;
        this.data = data;
    }

    int size() {
        return size;
    }

    boolean contains(int subscriber) {
        int[] f = firsts;
        int lo = 0;
        int hi = f.length - 1;
        if (hi < 0 || subscriber < f[0]) {
            return false;
        }
        while (lo < hi) { // last block whose first value is <= subscriber
            int mid = (lo + hi + 1) >>> 1;
            if (f[mid] <= subscriber) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int value = f[lo];
        if (value == subscriber) {
            return true;
        }
        int count = blockCount(lo);
        int width = widths[lo];
        if (width == 0) { // consecutive values
            return subscriber - value < count;
        }
        byte[] d = data;
        long mask = (1L << width) - 1;
        int bit = bitStarts[lo];
        for (int k = 1; k < count; k++, bit += width) {
            value += (int) (((long) LONG_AT.get(d, bit >>> 3) >>> (bit & 7)) & mask) + 1;
            if (value >= subscriber) {
                return value == subscriber;
            }
        }
        return false;
    }

    /** Heap taken by this set: the object and its four arrays, with headers and alignment. */
    long bytes() {
        return OBJECT_BYTES + intArrayBytes(firsts.length) + intArrayBytes(bitStarts.length)
                + arrayBytes(widths.length) + arrayBytes(data.length);
    }

    Cursor cursor() {
        return new Cursor();
    }

    private int blockCount(int block) {
        return block == firsts.length - 1 ? size - block * BLOCK : BLOCK;
    }

    private static long intArrayBytes(int length) {
        return arrayBytes(4L * length);
    }

    /** A JVM array: 16 bytes of header and length, the payload, padded to 8 bytes. */
    private static long arrayBytes(long payload) {
        return (16 + payload + 7) & ~7L;
    }

    /** Walks the set in ascending order without materialising it. Not thread-safe. */
    final class Cursor {
        private int block = -1;
        private int left;
        private int value;
        private int bit;
        private int width;
        private long mask;
        private int seen;

        boolean hasNext() {
            return seen < size;
        }

        int next() {
            if (left == 0) {
                block++;
                left = blockCount(block) - 1;
                value = firsts[block];
                bit = bitStarts[block];
                width = widths[block];
                mask = (1L << width) - 1;
            } else {
                value += (int) (((long) LONG_AT.get(data, bit >>> 3) >>> (bit & 7)) & mask) + 1;
                bit += width;
                left--;
            }
            seen++;
            return value;
        }
    }

    /**
     * Encodes strictly ascending values as they come, one block at a time, so a set is built or
     * merged without ever holding its values in an {@code int[]}. Used once.
     */
    static final class Writer {
        private final int[] pending = new int[BLOCK];
        private int inBlock;
        private int[] firsts = new int[16];
        private int[] bitStarts = new int[16];
        private byte[] widths = new byte[16];
        private int blocks;
        private long[] data = new long[16];
        private long bitLength;
        private int size;
        private int last = -1;

        void add(int value) {
            if (value <= last || value >= SUBSCRIBERS) {
                throw new IllegalArgumentException("values must be ascending and in [0, " + SUBSCRIBERS + ")");
            }
            last = value;
            pending[inBlock++] = value;
            size++;
            if (inBlock == BLOCK) {
                flushBlock();
            }
        }

        int size() {
            return size;
        }

        AreaCodeNumbers finish() {
            if (inBlock > 0) {
                flushBlock();
            }
            if (size == 0) {
                return EMPTY;
            }
            byte[] bytes = new byte[(int) ((bitLength + 7) >>> 3) + PADDING];
            for (int i = 0; i < bytes.length - PADDING; i++) {
                bytes[i] = (byte) (data[i >>> 3] >>> ((i & 7) * 8));
            }
            return new AreaCodeNumbers(size, Arrays.copyOf(firsts, blocks), Arrays.copyOf(bitStarts, blocks),
                    Arrays.copyOf(widths, blocks), bytes);
        }

        private void flushBlock() {
            int maxGap = 0;
            for (int k = 1; k < inBlock; k++) {
                maxGap = Math.max(maxGap, pending[k] - pending[k - 1] - 1);
            }
            int width = 32 - Integer.numberOfLeadingZeros(maxGap);
            if (blocks == firsts.length) {
                int grown = blocks * 2;
                firsts = Arrays.copyOf(firsts, grown);
                bitStarts = Arrays.copyOf(bitStarts, grown);
                widths = Arrays.copyOf(widths, grown);
            }
            firsts[blocks] = pending[0];
            bitStarts[blocks] = Math.toIntExact(bitLength);
            widths[blocks] = (byte) width;
            blocks++;
            if (width > 0) {
                ensureWords((int) ((bitLength + (long) width * (inBlock - 1)) >>> 6) + 2);
                for (int k = 1; k < inBlock; k++) {
                    writeBits(pending[k] - pending[k - 1] - 1, width);
                }
            }
            inBlock = 0;
        }

        private void writeBits(long bits, int width) {
            int word = (int) (bitLength >>> 6);
            int shift = (int) (bitLength & 63);
            data[word] |= bits << shift;
            if (shift + width > 64) {
                data[word + 1] |= bits >>> (64 - shift);
            }
            bitLength += width;
        }

        private void ensureWords(int words) {
            if (words > data.length) {
                data = Arrays.copyOf(data, Math.max(words, data.length + (data.length >> 1)));
            }
        }
    }
}
