package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.gateway.PhoneTouches;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.gateway.ResponseMemory;
import dev.outreach.gateway.email.EmailDecisions;
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
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * {@code check --phone N [--at TIME] [--purpose ...] [--dialer ...] [--sms]} or
 * {@code check --email A [--template T] [--purpose ...] [--at TIME]}: asks the gateway whether a
 * call, text or email may go, through the same decision use cases as the API's checks, and prints
 * every rule's finding in plain words. The check is audited as a dry run, like the API's.
 */
@Command(name = "check", description = "May this number be called or texted, or this address emailed (at this time)? "
        + "Prints every rule.")
public final class CheckCommand implements Callable<Integer> {

    private static final Actor CLI = new Actor.KeyHolder("cli", "cli", Role.ADMIN);

    @CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Recipient recipient;

    /** Exactly one of a number and an address. */
    static final class Recipient {
        @Option(names = "--phone", required = true, description = "the number, any format (default region US)")
        String phone;

        @Option(names = "--email", required = true, description = "the address")
        String email;
    }

    @Option(names = "--template", description = "email only: the template to judge (its purpose and category apply)")
    String template;

    @Option(names = "--at", description = "judge as if at this instant, e.g. 2026-11-27T20:30:00-05:00 (default now)")
    String at;

    @Option(names = "--purpose", description = "TELEMARKETING (default) or INFORMATIONAL (calls); MARKETING (default) "
            + "or INFORMATIONAL (texts); COMMERCIAL (default without --template) or TRANSACTIONAL (email)")
    Purpose purpose;

    @Option(names = "--dialer", description = "MANUAL, AUTODIALED or PRERECORDED (calls; default: judged as autodialed)")
    Dialer dialer;

    @Option(names = "--sms", description = "a text rather than a call")
    boolean sms;

    @Override
    public Integer call() {
        GatewayConfig cfg = config.load();
        Instant when;
        try {
            when = at == null ? null : OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            System.err.println("error: --at: not an instant with an offset, e.g. 2026-11-27T20:30:00-05:00");
            return 2;
        }
        try (Gateway gateway = new Gateway(cfg, Clock.tickMillis(ZoneOffset.UTC))) {
            gateway.loadLists();
            Decision d = recipient.email != null ? checkEmail(gateway, when) : checkPhone(gateway, when);
            print(d, System.out);
            return d.allowed() ? 0 : 3;
        } catch (RejectedRequest e) {
            System.err.println("error: " + option(e.field()) + ": " + e.getMessage());
            return 2;
        }
    }

    private Decision checkPhone(Gateway gateway, Instant when) {
        if (template != null) {
            throw new RejectedRequest(RejectedRequest.Kind.INVALID, "template", "applies to email only");
        }
        Channel channel = sms ? Channel.SMS : Channel.CALL;
        Purpose effective = purpose != null ? purpose : sms ? Purpose.MARKETING : Purpose.TELEMARKETING;
        return gateway.phone().touches().clear(new PhoneTouches.Request(channel, null, recipient.phone, effective,
                sms ? null : dialer, when, true, null), CLI).decision();
    }

    private Decision checkEmail(Gateway gateway, Instant when) {
        if (sms || dialer != null) {
            throw new RejectedRequest(RejectedRequest.Kind.INVALID, sms ? "sms" : "dialer", "applies to calls and texts only");
        }
        Purpose effective = purpose != null || template != null ? purpose : Purpose.COMMERCIAL;
        return gateway.email().decisions().check(new EmailDecisions.CheckRequest(null, recipient.email, effective,
                template, when, null), CLI, ResponseMemory.none());
    }

    /** The option a rejected field came from, so the message names what the user typed. */
    private static String option(String field) {
        return switch (field) {
            case "email", "to" -> "--email";
            case "phone" -> "--phone";
            default -> "--" + field;
        };
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
