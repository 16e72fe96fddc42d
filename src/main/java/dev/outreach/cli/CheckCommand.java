package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/**
 * {@code check --phone N [--at TIME] [--purpose ...] [--dialer ...] [--sms]}: asks the gateway
 * whether a call or text may be made, and prints every rule's finding in plain words. The check is
 * audited as a dry run, like the API's.
 */
@Command(name = "check", description = "May this number be called or texted (at this time)? Prints every rule.")
public final class CheckCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--phone", required = true, description = "the number, any format (default region US)")
    String phone;

    @Option(names = "--at", description = "judge as if at this instant, e.g. 2026-11-27T20:30:00-05:00 (default now)")
    String at;

    @Option(names = "--purpose", defaultValue = "TELEMARKETING",
            description = "TELEMARKETING or INFORMATIONAL (calls); MARKETING or INFORMATIONAL (texts)")
    Purpose purpose;

    @Option(names = "--dialer", description = "MANUAL, AUTODIALED or PRERECORDED (calls; default: judged as autodialed)")
    Dialer dialer;

    @Option(names = "--sms", description = "a text rather than a call")
    boolean sms;

    @Override
    public Integer call() {
        GatewayConfig cfg = config.load();
        Instant when = at == null ? null : OffsetDateTime.parse(at).toInstant();
        Channel channel = sms ? Channel.SMS : Channel.CALL;
        Purpose effective = sms && purpose == Purpose.TELEMARKETING ? Purpose.MARKETING : purpose;
        try (Gateway gateway = new Gateway(cfg, Clock.tickMillis(ZoneOffset.UTC))) {
            gateway.loadLists();
            Decision d = gateway.phoneTouches().clear(new PhoneTouches.Request(channel, null, phone, effective,
                    sms ? null : dialer, when, true, null), new Actor.KeyHolder("cli", "cli", Role.ADMIN)).decision();
            print(d, System.out);
            return d.allowed() ? 0 : 3;
        } catch (RejectedRequest e) {
            System.err.println("error: " + e.field() + ": " + e.getMessage());
            return 2;
        }
    }

    static void print(Decision d, PrintStream out) {
        out.println(d.decision() + ": " + d.channel() + " to " + d.recipient() + " at " + d.decidedAt()
                + (d.allowed() ? " is allowed." : " is blocked."));
        if (d.nextAllowedAt() != null) {
            out.println("Earliest allowed: " + d.nextAllowedAt());
        }
        out.println();
        for (RuleResult r : d.evaluated()) {
            out.printf("  %-15s %-26s %s%n", r.outcome(), r.rule(), r.detail());
            if (r.citation() != null && r.outcome() != dev.outreach.policy.Outcome.NOT_APPLICABLE) {
                out.printf("  %-15s %-26s (%s)%n", "", "", r.citation());
            }
        }
        out.println();
        out.println("policy " + d.policyVersion() + ", audit entry " + d.auditId());
    }
}
