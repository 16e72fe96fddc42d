package dev.outreach.suppression;

/**
 * An immutable national registry: one {@link AreaCodeNumbers} per area code 200–999, looked up by
 * array index. Never changed after it is built; a reload builds a new one.
 */
final class NationalDncIndex {

    /** Area codes 200–999: the first digit of a NANP area code is 2–9. */
    static final int AREA_CODES = 800;
    static final int FIRST_AREA_CODE = 200;

    static final NationalDncIndex EMPTY = new NationalDncIndex(new AreaCodeNumbers[AREA_CODES]);

    private final AreaCodeNumbers[] byAreaCode;
    private final long size;
    private final int areaCodes;

    /** @param byAreaCode indexed by {@code areaCode - 200}; null or empty for none. Not copied. */
    NationalDncIndex(AreaCodeNumbers[] byAreaCode) {
        if (byAreaCode.length != AREA_CODES) {
            throw new IllegalArgumentException("expected " + AREA_CODES + " area codes");
        }
        this.byAreaCode = byAreaCode;
        long total = 0;
        int used = 0;
        for (AreaCodeNumbers numbers : byAreaCode) {
            if (numbers != null && numbers.size() > 0) {
                total += numbers.size();
                used++;
            }
        }
        this.size = total;
        this.areaCodes = used;
    }

    /**
     * @param areaCodeIndex {@code areaCode - 200}, in [0, 800)
     * @param subscriber    {@code (exchange - 200) * 10_000 + line}, in [0, 8_000_000)
     */
    boolean contains(int areaCodeIndex, int subscriber) {
        AreaCodeNumbers numbers = byAreaCode[areaCodeIndex];
        return numbers != null && numbers.contains(subscriber);
    }

    /** The set of one area code, never null. */
    AreaCodeNumbers numbers(int areaCodeIndex) {
        AreaCodeNumbers numbers = byAreaCode[areaCodeIndex];
        return numbers == null ? AreaCodeNumbers.EMPTY : numbers;
    }

    long size() {
        return size;
    }

    /** Area codes with at least one number. */
    int areaCodes() {
        return areaCodes;
    }

    /** Heap taken by the index: its table and every area code's set (shared EMPTY not counted). */
    long bytes() {
        long bytes = 16 + 16 + 4L * AREA_CODES; // this object, and the table of compressed references
        for (AreaCodeNumbers numbers : byAreaCode) {
            if (numbers != null && numbers != AreaCodeNumbers.EMPTY) {
                bytes += numbers.bytes();
            }
        }
        return bytes;
    }

    /** Bytes per number, 0 for an empty index. */
    double bytesPerNumber() {
        return size == 0 ? 0 : (double) bytes() / size;
    }
}
