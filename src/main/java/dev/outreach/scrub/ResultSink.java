package dev.outreach.scrub;

/** Where a batch's results go, one row at a time and in input order. */
public interface ResultSink {

    void write(RowResult result);
}
