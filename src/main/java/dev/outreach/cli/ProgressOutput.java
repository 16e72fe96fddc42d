package dev.outreach.cli;

import dev.outreach.scrub.BatchOutput;
import dev.outreach.scrub.BatchReceipt;
import dev.outreach.scrub.RowResult;

import java.util.Map;

/** Passes results on and ticks the progress bar after each. */
final class ProgressOutput implements BatchOutput {

    private final BatchOutput target;
    private final Runnable tick;

    ProgressOutput(BatchOutput target, Runnable tick) {
        this.target = target;
        this.tick = tick;
    }

    @Override
    public byte[] render(RowResult result) {
        return target.render(result);
    }

    @Override
    public void write(RowResult result) {
        target.write(result);
        tick.run();
    }

    @Override
    public Map<String, String> digests() {
        return target.digests();
    }

    @Override
    public void finish(BatchReceipt receipt) {
        target.finish(receipt);
    }
}
