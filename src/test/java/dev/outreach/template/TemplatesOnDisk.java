package dev.outreach.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A scratch templates folder for tests: a copy of the shipped one, then changed file by file. */
final class TemplatesOnDisk {

    static final Path SHIPPED = Path.of("templates");

    private final Path root;

    private TemplatesOnDisk(Path root) {
        this.root = root;
    }

    /** The shipped shared layout and footer, and no templates. */
    static TemplatesOnDisk sharedFilesOnly(Path directory) {
        copy(SHIPPED.resolve("_shared"), directory.resolve("_shared"));
        return new TemplatesOnDisk(directory);
    }

    /** Everything shipped: shared files and every template. */
    static TemplatesOnDisk copyOfShipped(Path directory) {
        copy(SHIPPED, directory);
        return new TemplatesOnDisk(directory);
    }

    Path root() {
        return root;
    }

    TemplatesOnDisk write(String file, String content) {
        try {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TemplatesOnDisk write(TemplateText template) {
        return write(template.name() + ".ftl", template.toString());
    }

    /** Replaces text in a file, failing when the text is not there so a test cannot pass vacuously. */
    TemplatesOnDisk replace(String file, String text, String replacement) {
        try {
            String content = Files.readString(root.resolve(file));
            if (!content.contains(text)) {
                throw new AssertionError(file + " does not contain: " + text);
            }
            Files.writeString(root.resolve(file), content.replace(text, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TemplatesOnDisk delete(String file) {
        try {
            Files.delete(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TemplateCatalog catalog() {
        return TemplateCatalog.load(root);
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
