package dev.outreach.scrub;

import java.util.Map;

/** A batch's result as written: rows in order, then what the audit entry must say about the result. */
public interface BatchOutput extends ResultSink {

    /** Digests of everything written so far, e.g. {@code {"resultSha256": hex}}; recorded in the audit entry. */
    Map<String, String> digests();

    /** Called once after the audit entry was written, e.g. to append a trailer naming it. */
    void finish(BatchReceipt receipt);
}
