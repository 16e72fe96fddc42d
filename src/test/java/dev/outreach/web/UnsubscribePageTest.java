package dev.outreach.web;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.web.RunningGateway.Reply;
import dev.outreach.web.console.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe page in the person's language (the lead's country first, then Accept-Language),
 * its preference centre (opt down by category, stored before the answer), and the RFC 8058
 * one-click POST unchanged.
 */
class UnsubscribePageTest {

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static UnsubscribeTokens tokens;
    static String integration;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm", "INTEGRATION");
        tokens = new UnsubscribeTokens(gw.gateway.store().secrets().getOrCreate("unsubscribe-token-key", () -> {
            throw new IllegalStateException("the gateway made the key on start");
        }));
        lead("de-lead", "anna@firma.example", "DE");
        lead("be-lead", "lotte@bedrijf.example", "BE");
        lead("us-lead", "sam@company.example", "US");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static void lead(String id, String email, String country) {
        Reply r = gw.post("/api/v1/leads", integration, "{\"id\":\"" + id + "\",\"email\":\"" + email
                + "\",\"firstName\":\"Pat\",\"country\":\"" + country + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** The token in the message's link; the readable address is remembered as when a message was decided. */
    private static String token(String email) {
        String key = gw.gateway.base().pseudonyms().email(email);
        gw.gateway.store().audit().rememberSubject(key, email);
        return tokens.issue(key);
    }

    private static Reply page(String token, String acceptLanguage) {
        return gw.call("GET", "/u/" + token, null, null, "Accept-Language", acceptLanguage);
    }

    @ParameterizedTest(name = "Accept-Language {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "en-GB,en;q=0.8 | en | Unsubscribe from Outreach Gateway",
            "de-DE,de;q=0.9 | de | Von Outreach Gateway abmelden",
            "fr-FR,fr;q=0.9 | fr | Se désabonner de Outreach Gateway",
            "es-ES          | es | Darse de baja de Outreach Gateway",
            "nl             | nl | Afmelden bij Outreach Gateway",
            "it-IT,en;q=0.5 | it | Annulla l&#39;iscrizione a Outreach Gateway",
            "pt-BR          | pt | Cancelar a inscrição em Outreach Gateway",
            "ja,ko;q=0.5    | en | Unsubscribe from Outreach Gateway"})
    void withoutALeadCountryTheBrowsersLanguageChoosesThePage(String accept, String lang, String heading) {
        Reply r = page(token("stranger-" + lang + "@example.org"), accept);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<html lang=\"" + lang + "\">").contains(heading);
    }

    @Test
    void theLeadsCountryComesBeforeTheBrowsersLanguage() {
        assertThat(page(token("anna@firma.example"), "en-US,en;q=0.9").body()).contains("<html lang=\"de\">");
        assertThat(page(token("sam@company.example"), "fr-FR").body()).contains("<html lang=\"en\">");
    }

    @Test
    void inACountryOfSeveralLanguagesTheBrowserChoosesAmongThem() {
        String token = token("lotte@bedrijf.example");

        assertThat(page(token, "fr-BE,fr;q=0.9").body()).contains("<html lang=\"fr\">");
        assertThat(page(token, "en-US,de;q=0.5").body()).contains("<html lang=\"de\">");
        assertThat(page(token, "en-US").body()).as("the country's first language").contains("<html lang=\"nl\">");
    }

    @Test
    void anUnknownLinkIsExplainedInTheBrowsersLanguage() {
        Reply r = page("not-a-token", "es");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("Este enlace para darse de baja no es válido");
    }

    @Test
    void theOneClickPostStillUnsubscribesAtOnce() {
        String token = token("sam@company.example");

        Reply r = gw.call("POST", "/u/" + token, null, "List-Unsubscribe=One-Click",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("You are unsubscribed");
        assertThat(gw.gateway.store().suppressions().findByKey("EMAIL", gw.gateway.base().pseudonyms()
                .email("sam@company.example"))).extracting(SuppressionEntry::reason).contains(SuppressionReason.UNSUBSCRIBE);
    }

    @Test
    void anUnknownCategoryIsRefusedNamingTheFieldAndNothingChanges() {
        String token = token("refused@example.org");

        Reply r = gw.call("POST", "/u/" + token + "/preferences", null, "receive=resources&receive=lottery",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("receive");
        assertThat(gw.gateway.email().categoryPreferences().optedOut(gw.gateway.base().pseudonyms().email("refused@example.org")))
                .isEmpty();
    }

    @Test
    void aGermanLeadOptsDownByCategoryInTheBrowserAndTheChoiceIsStoredBeforeTheAnswer() throws Exception {
        String token = token("anna@firma.example");
        WebDriver browser = Browser.start();
        try {
            browser.get(gw.baseUrl() + "/u/" + token);
            assertThat(browser.findElement(By.id("heading")).getText()).isEqualTo("Von Outreach Gateway abmelden");
            assertThat(browser.findElement(By.id("preferences-heading")).getText())
                    .isEqualTo("Oder wählen Sie, was Sie erhalten möchten");
            assertThat(browser.findElements(By.cssSelector("#preferences input[type=checkbox]")))
                    .as("the five commercial categories, all ticked").hasSize(5)
                    .allMatch(box -> box.isSelected());
            assertThat(browser.findElement(By.id("preferences")).getText()).contains("Terminanfragen")
                    .doesNotContain("Bestellbestätigungen");
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth");
            assertThat(overflow).isEqualTo(true);

            browser.findElement(By.id("category-resources")).click();
            browser.findElement(By.id("category-introductions")).click();
            Browser.clickToLoad(browser, browser.findElement(By.id("save-preferences")));

            assertThat(browser.findElement(By.id("heading")).getText()).isEqualTo("Ihre Auswahl ist gespeichert");
            assertThat(browser.findElement(By.id("saved-detail")).getText())
                    .contains("Begrüßungen und Dankesnachrichten").contains("Leitfäden und nützliche Informationen");
        } finally {
            browser.quit();
        }
        String key = gw.gateway.base().pseudonyms().email("anna@firma.example");
        assertThat(gw.gateway.email().categoryPreferences().optedOut(key)).containsExactlyInAnyOrder("introductions",
                "resources");
        assertThat(gw.gateway.store().suppressions().findByKey("EMAIL", key)).as("opting down is not leaving")
                .isEmpty();
        assertThat(page(token, "de").body()).contains("id=\"category-resources\">")
                .contains("id=\"category-proposals\" checked>");
    }

    @Test
    void aCommercialEmailOfAnOptedOutCategoryIsBlockedAndOthersStillGo() {
        String token = token("sam-prefs@company.example");
        lead("us-prefs", "sam-prefs@company.example", "US");
        Reply saved = gw.call("POST", "/u/" + token + "/preferences", null,
                "receive=meeting-requests&receive=proposals&receive=customer-care",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(saved.status()).isEqualTo(200);

        Reply blocked = gw.post("/api/v1/emails", integration, "{\"leadId\":\"us-prefs\",\"template\":"
                + "\"lead-generation-thank-you\",\"data\":{\"repName\":\"Bob Rep\"}}");
        Reply allowed = gw.post("/api/v1/emails", integration, "{\"leadId\":\"us-prefs\",\"template\":"
                + "\"lead-qualification-schedule-call\",\"data\":{\"repName\":\"Bob Rep\"}}");

        assertThat(blocked.text("decision")).as(blocked.body()).isEqualTo("BLOCK");
        assertThat(blocked.json().path("reasons").get(0).path("rule").asText()).isEqualTo("canspam.category-opt-out");
        assertThat(allowed.text("decision")).as(allowed.body()).isEqualTo("ALLOW");
    }
}
