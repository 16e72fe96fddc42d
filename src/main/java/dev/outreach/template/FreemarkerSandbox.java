package dev.outreach.template;

import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateNameFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * FreeMarker set up so a template can do nothing but format the data it is given: no {@code ?new}
 * (which can instantiate arbitrary classes), no {@code ?api}, only plain values through
 * {@link PlainDataWrapper}, errors thrown rather than written into the message, and templates loaded
 * only from the files read from the templates folder, held in memory, so no path can reach another
 * file. One configuration per message part, because the output format (HTML auto-escaping or plain
 * text) is fixed when a template is parsed.
 */
final class FreemarkerSandbox {

    /** The layout every message is wrapped in; it imports the footer. */
    static final String LAYOUT = "_shared/layout.ftl";

    private final Map<MessagePart, Configuration> configurations = new EnumMap<>(MessagePart.class);
    private final Set<String> files;

    FreemarkerSandbox(List<TemplateSource> sources) {
        StringTemplateLoader loader = new StringTemplateLoader();
        sources.forEach(source -> loader.putTemplate(source.file(), source.body()));
        this.files = sources.stream().map(TemplateSource::file).collect(Collectors.toUnmodifiableSet());
        for (MessagePart part : MessagePart.values()) {
            configurations.put(part, configuration(loader, part));
        }
    }

    private static Configuration configuration(StringTemplateLoader loader, MessagePart part) {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setTemplateLoader(loader);
        c.setTemplateNameFormat(TemplateNameFormat.DEFAULT_2_4_0);
        c.setLocalizedLookup(false);
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setOutputFormat(part.outputFormat());
        c.setRecognizeStandardFileExtensions(false);
        c.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setObjectWrapper(PlainDataWrapper.INSTANCE);
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        // The same input gives the same message on every machine.
        c.setLocale(Locale.US);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        return c;
    }

    /** Parses (or takes from cache) a file from the folder for one part; throws ParseException on bad syntax. */
    Template file(String file, MessagePart part) throws IOException {
        return configurations.get(part).getTemplate(file);
    }

    /** Parses a template text that is not a file, such as a subject or the generated entry point. */
    Template inline(String name, String text, MessagePart part) throws IOException {
        return new Template(name, text, configurations.get(part));
    }

    /** True for files read from the folder, false for inline templates. */
    boolean isFile(String name) {
        return files.contains(name);
    }
}
