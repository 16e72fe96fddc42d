package dev.outreach.policy.canspam;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadPrefixTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # subject                            | fake
            Re: your question                    | true
            RE[2]: your question                 | true
            Fwd: pricing                         | true
            FW : pricing                         | true
            AW: Ihre Anfrage                     | true
            WG: Angebot                          | true
            SV: offert                           | true
            VS: tarjous                          | true
            Antw: uw vraag                       | true
            Doorst: aanbieding                   | true
            R: la sua domanda                    | true
            I: offerta                           | true
            RIF: offerta                         | true
            RV: su pregunta                      | true
            TR: votre demande                    | true
            RES: sua pergunta                    | true
            Odp: pytanie                         | true
            PD: oferta                           | true
            Ynt: sorunuz                         | true
            İlt: teklif                          | true
            回复: 您的问题                           | true
            转发：报价                               | true
            Rе: Cyrillic e                       | true
            Re： fullwidth colon                 | true
            Re∶ ratio sign                       | true
            ΑW: Greek capital alpha              | true
            ＦＷＤ: fullwidth letters              | true
            \u200BRe: behind a zero-width space  | true
            Reminder: your demo is tomorrow      | false
            Results: Q3                          | false
            Irish stew recipe                    | false
            Trip report: Lisbon                  | false
            Update: new features                 | false
            Invoice 2026-11                      | false
            Your order ships today               | false
            """)
    void readsReplyAndForwardPrefixesAsAPersonDoes(String subject, boolean fake) {
        String s = subject.replace("\\u200B", "\u200B");
        assertThat(ThreadPrefix.fakesReplyOrForward(s)).as(s).isEqualTo(fake);
    }

    @Test
    void messageContentBlocksALookAlikePrefixAndNamesIt() {
        MessageFacts m = new MessageFacts("news@example.com", "Rе: your offer", true, true, true);
        RuleResult r = new MessageContentRule().evaluate(
                Attempt.email("ann@example.com", Purpose.COMMERCIAL, "lead-1", "offer"), Facts.none().withMessage(m),
                Instant.parse("2026-11-27T14:05:00Z"));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.rule()).isEqualTo("canspam.message-content");
        assertThat(r.detail()).isEqualTo("subject fakes a reply or forward ('Rе:' reads as Re:/Fwd:)");
        assertThat(r.citation()).isEqualTo("15 USC 7704(a)(2)");
    }
}
