package dev.outreach.scrub;

import dev.outreach.Gateway;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BatchScrubberTest {

    private static final Instant AT = Instant.parse("2026-11-25T15:00:00Z");

    private static BatchInput csv(int rows) {
        StringBuilder s = new StringBuilder("email\n");
        for (int i = 0; i < rows; i++) {
            s.append("user").append(i).append("@example.us\n");
        }
        return BatchInput.open(new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8)), BatchFormat.CSV,
                new BatchDefaults(Channel.EMAIL, Purpose.COMMERCIAL, null, AT, null), Gateway.objectMapper());
    }

    private static Decision allow(CheckRow row) {
        return new Decision(Verdict.ALLOW, row.channel(), row.email(), List.of(), List.of(), null, "test", AT, true, null);
    }

    @Test
    void resultsLeaveInInputOrderEvenWhenALaterRowIsDecidedFirst() {
        CountDownLatch laterRowDecided = new CountDownLatch(1);
        RowDecider decider = row -> {
            if (row.line() == 2) {
                await(laterRowDecided); // the first row waits until row 50 is done
            }
            if (row.line() == 51) {
                laterRowDecided.countDown();
            }
            return allow(row);
        };
        List<Long> order = new ArrayList<>();

        new BatchScrubber(4, 100).run(csv(200), decider, r -> order.add(r.line()));

        assertThat(laterRowDecided.getCount()).isZero();
        assertThat(order).hasSize(200);
        assertThat(order).isSorted().doesNotHaveDuplicates().startsWith(2L).endsWith(201L);
    }

    @Test
    void noMoreThanTheWindowOfRowsIsInFlightWhateverTheBatchSize() {
        AtomicLong delivered = new AtomicLong();
        AtomicLong mostAhead = new AtomicLong();
        RowDecider decider = row -> {
            mostAhead.accumulateAndGet(row.line() - 1 - delivered.get(), Math::max);
            return allow(row);
        };

        BatchSummary summary = new BatchScrubber(2, 64).run(csv(20_000), decider, r -> delivered.incrementAndGet());

        assertThat(summary.rows()).isEqualTo(20_000);
        assertThat(mostAhead.get()).isLessThanOrEqualTo(64);
    }

    @Test
    void aRowWhoseDecisionFailsIsAnErrorAndNeverAllowed() {
        RowDecider decider = row -> {
            if (row.line() == 3) {
                throw new IllegalStateException("store unreachable for user1@example.us");
            }
            return new Decision(Verdict.BLOCK, row.channel(), row.email(),
                    List.of(RuleResult.block("canspam.suppression", "listed", null)),
                    List.of(RuleResult.block("canspam.suppression", "listed", null)), null, "test", AT, true, null);
        };
        List<RowResult> results = new ArrayList<>();

        BatchSummary summary = new BatchScrubber(2, 8).run(csv(3), decider, results::add);

        assertThat(results.get(1).error()).isEqualTo(new RowError(3, null,
                "the facts for this row could not be gathered; it is not cleared"));
        assertThat(results.get(1).allowed()).isFalse();
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.blocked()).isEqualTo(2);
        assertThat(summary.rules()).containsEntry("canspam.suppression", 2L);
    }

    @Test
    void eachRunOfRowsTakesOneLookAtTheStoreNotOneLookPerRow() {
        AtomicLong looks = new AtomicLong();
        RowDecider decider = new RowDecider() {
            @Override
            public Decision decide(CheckRow row) {
                throw new AssertionError("a batch row must be judged through its run's decider");
            }

            @Override
            public RowDecider forRun() {
                looks.incrementAndGet();
                return BatchScrubberTest::allow;
            }
        };

        BatchSummary summary = new BatchScrubber(2, 4 * BatchScrubber.MOST_ROWS_PER_RUN).run(csv(5_000), decider,
                r -> { });

        assertThat(summary.allowed()).isEqualTo(5_000);
        assertThat(looks.get()).isEqualTo((5_000 + BatchScrubber.MOST_ROWS_PER_RUN - 1) / BatchScrubber.MOST_ROWS_PER_RUN);
    }

    @Test
    void aRunWhoseLookAtTheStoreFailsIsARunOfErrorsNeverAllowed() {
        RowDecider decider = new RowDecider() {
            @Override
            public Decision decide(CheckRow row) {
                return allow(row);
            }

            @Override
            public RowDecider forRun() {
                throw new IllegalStateException("database is locked");
            }
        };
        List<RowResult> results = new ArrayList<>();

        BatchSummary summary = new BatchScrubber(2, 64).run(csv(40), decider, results::add);

        assertThat(summary.errors()).isEqualTo(40);
        assertThat(summary.allowed()).isZero();
        assertThat(results).allSatisfy(r -> assertThat(r.error().detail())
                .isEqualTo("the facts for this row could not be gathered; it is not cleared"));
    }

    @Test
    void resultsAreRenderedOnTheWorkersAndWrittenInOrderByTheCallersThread() {
        Thread caller = Thread.currentThread();
        java.util.Set<Thread> renderers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> written = new ArrayList<>();
        ResultSink sink = new ResultSink() {
            @Override
            public byte[] render(RowResult result) {
                renderers.add(Thread.currentThread());
                return ("row " + result.line()).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void write(RowResult result) {
                assertThat(Thread.currentThread()).isSameAs(caller);
                written.add(new String(result.rendered(), StandardCharsets.UTF_8));
            }
        };

        new BatchScrubber(2, 64).run(csv(1_000), BatchScrubberTest::allow, sink);

        assertThat(renderers).isNotEmpty().doesNotContain(caller);
        assertThat(written).hasSize(1_000).startsWith("row 2", "row 3").endsWith("row 1001");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
