package dev.outreach.mail;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailStreamsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(MailStreams.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(MailStreams.PROPERTY);
        } else {
            System.setProperty(MailStreams.PROPERTY, before);
        }
    }

    @Test
    void namesAngusMailsStreamProviderForJakartaMailToLoadDirectly() {
        System.clearProperty(MailStreams.PROPERTY);

        MailStreams.useAngusProvider();

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void keepsAProviderAlreadyNamedOnTheCommandLine() {
        System.setProperty(MailStreams.PROPERTY, "com.example.OtherProvider");

        MailStreams.useAngusProvider();

        assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("com.example.OtherProvider");
    }
}
