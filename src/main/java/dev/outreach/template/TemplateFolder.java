package dev.outreach.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the templates folder: every top-level {@code *.ftl} is a template; {@code .ftl} files whose
 * path has a segment starting with {@code _} (such as {@code _shared/footer.ftl}) are shared files that
 * templates import. Hidden entries are skipped, and nothing outside the folder is read, even through
 * a symbolic link.
 */
final class TemplateFolder {

    /** What the folder holds; problems are files that could not be used. */
    record Contents(List<TemplateSource> templates, List<TemplateSource> shared, List<LintProblem> problems) {
    }

    private TemplateFolder() {
    }

    static Contents read(Path directory) {
        List<TemplateSource> templates = new ArrayList<>();
        List<TemplateSource> shared = new ArrayList<>();
        List<LintProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(LintProblem.error(directory.toString(), null, "templates folder does not exist or is not a folder"));
            return new Contents(templates, shared, problems);
        }
        Path root = realPath(directory);
        for (Path path : ftlFiles(root)) {
            String file = relativeName(root, path);
            if (!insideFolder(root, path)) {
                problems.add(LintProblem.error(file, null, "links outside the templates folder; not read"));
            } else if (isShared(file)) {
                read(path, file, problems).ifPresent(shared::add);
            } else if (file.contains("/")) {
                problems.add(LintProblem.error(file, null, "templates live at the top of the folder, and shared"
                        + " files in a folder starting with '_'; this file is not loaded"));
            } else {
                read(path, file, problems).ifPresent(templates::add);
            }
        }
        return new Contents(templates, shared, problems);
    }

    private static List<Path> ftlFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !isHidden(root, path))
                    .filter(path -> path.getFileName().toString().endsWith(".ftl"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list templates folder " + root, e);
        }
    }

    // Hidden entries include the "..data" links Kubernetes puts in mounted config maps.
    private static boolean isHidden(Path root, Path path) {
        for (Path segment : root.relativize(path)) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isShared(String file) {
        for (String segment : file.split("/")) {
            if (segment.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideFolder(Path root, Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<TemplateSource> read(Path path, String file, List<LintProblem> problems) {
        try {
            return Optional.of(TemplateSource.split(file, Files.readString(path)));
        } catch (IOException e) {
            problems.add(LintProblem.error(file, null, "cannot be read as UTF-8 text: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static String relativeName(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve templates folder " + directory, e);
        }
    }
}
