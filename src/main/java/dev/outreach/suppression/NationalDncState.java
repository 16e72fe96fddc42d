package dev.outreach.suppression;

import java.time.LocalDate;

/**
 * What the registry answers from, published as one immutable value so a lookup sees one whole
 * version: the index, the date in force and the last load report.
 *
 * @param index       never null; {@link NationalDncIndex#EMPTY} when nothing is loaded
 * @param asOf        the date of the download in force; null unless the last load was LOADED
 * @param report      the last load report
 * @param inForceFrom the LOADED report whose numbers {@code index} holds, or null if none
 */
record NationalDncState(NationalDncIndex index, LocalDate asOf, NationalDncLoad report, NationalDncLoad inForceFrom) {

    NationalDncState(NationalDncIndex index, LocalDate asOf, NationalDncLoad report) {
        this(index, asOf, report, NationalDncLoad.LOADED.equals(report.status()) ? report : null);
    }
}
