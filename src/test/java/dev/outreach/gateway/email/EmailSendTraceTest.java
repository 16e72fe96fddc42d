package dev.outreach.gateway.email;

import dev.outreach.contact.Jurisdictions;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.gateway.RecentTouches;
import dev.outreach.gateway.RecipientResolver;
import dev.outreach.gateway.ResponseMemory;
import dev.outreach.gateway.UnsubscribeLinks;
import dev.outreach.mail.ListUnsubscribeHeaders;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.policy.PolicySettings;
import dev.outreach.store.Leads;
import dev.outreach.store.Store;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace of one send: the lead is read once and the decision commits once. */
class EmailSendTraceTest {

    @TempDir
    Path dir;

    @Test
    void oneSendReadsTheLeadOnceAndCommitsOnce() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            assertThat(gw.post("/api/v1/leads", RunningGateway.ADMIN_KEY, "{\"id\":\"trace-1\",\"email\":"
                    + "\"trace@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\","
                    + "\"owner\":\"ann\"}").status()).isEqualTo(201);
            gw.gateway.email().dispatcher().close();
            Store store = gw.gateway.store();
            List<String> leadReads = Collections.synchronizedList(new ArrayList<>());
            Leads counted = (Leads) Proxy.newProxyInstance(Leads.class.getClassLoader(), new Class<?>[]{Leads.class},
                    (proxy, method, args) -> {
                        leadReads.add(method.getName());
                        try {
                            return method.invoke(store.leads(), args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            EmailDecisions decisions = decisions(gw, counted);
            List<List<String>> commits = Collections.synchronizedList(new ArrayList<>());
            store.transactions().afterCommit(commits::add);

            EmailDecisions.Sent sent = decisions.send(new EmailDecisions.SendRequest("trace-1", null,
                    "presentation-summary", Map.of("repName", "Bob"), "trace-key"),
                    new Actor.KeyHolder("k1", "ann", Role.REP), ResponseMemory.none());

            assertThat(sent.decision().allowed()).as(sent.decision().toString()).isTrue();
            assertThat(leadReads).containsExactly("find");
            assertThat(commits).containsExactly(List.of("email send"));
            assertThat(store.outbox().find(sent.messageId())).isPresent();
            assertThat(store.touches().forLead("trace-1")).singleElement()
                    .satisfies(t -> assertThat(t.reference()).isEqualTo(sent.messageId()));
        }
    }

    private static EmailDecisions decisions(RunningGateway gw, Leads leads) {
        var g = gw.gateway;
        Clock clock = g.clock();
        PolicySettings settings = new PolicySettings(Set.of("example.com"), 10, Duration.ofDays(7), Duration.ofHours(24));
        EmailFacts facts = new EmailFacts(g.permissions().suppressions(), new RecentTouches(g.store().touches()), settings,
                g.permissions().consents(), Jurisdictions.shipped(), g.email().categoryPreferences());
        UnsubscribeLinks links = new UnsubscribeLinks(new UnsubscribeTokens(new byte[32]), gw.baseUrl());
        return new EmailDecisions(new EmailAttempts(new RecipientResolver(leads, g.base().pseudonyms(), g.store().knownRecipients(),
                g.permissions().suppressions()), g.email().templates(),
                g.email().sender(), links), facts, g.permissions().suppressions(), g.policy().engine(), g.base().audit(), g.store().transactions(),
                g.store().touches(), g.store().outbox(), new MimeComposer(clock, ListUnsubscribeHeaders.allowingPlainHttp()),
                g.email().sender(), null, clock);
    }
}
