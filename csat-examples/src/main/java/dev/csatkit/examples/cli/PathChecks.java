package dev.csatkit.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks the places a command reads and writes before it does any work, and words file errors as
 * a person would: "no such file", "is a directory", "permission denied".
 *
 * <p>Writable places are probed by really creating a file: permission bits do not tell the whole
 * story (a read-only file system, an administrator's account, access lists).
 */
final class PathChecks {

    private PathChecks() {
    }

    /**
     * @param file a file to read
     * @return why it cannot be read; empty when it can
     */
    static Optional<String> readableFile(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory, not a file");
        }
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            return Optional.of(parent != null && !Files.isDirectory(parent) ? "no such file (no directory "
                    + parent + ")" : "no such file");
        }
        if (!Files.isRegularFile(file)) {
            // A named pipe is not opened to probe it: its writer would take the probe for the reader.
            return Files.isReadable(file) ? Optional.empty() : Optional.of("permission denied");
        }
        try {
            Files.newInputStream(file).close();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e, file));
        }
    }

    /**
     * Checks that a file can be written, without changing it: an existing file is opened for
     * appending and left as it was; a new one is created and removed again.
     *
     * @param file a file to write
     * @return why it cannot be written; empty when it can
     */
    static Optional<String> writableFile(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            return Optional.of("no such directory: " + parent);
        }
        if (parent != null && !Files.isDirectory(parent)) {
            return Optional.of(parent + " is not a directory");
        }
        boolean existed = Files.exists(file);
        try {
            // Opened for appending and closed at once: nothing is written.
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException e) {
            return Optional.of(reason(e, file));
        }
        if (!existed) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                return Optional.of(reason(e));
            }
        }
        return Optional.empty();
    }

    /**
     * Creates a directory (and its parents) if missing, and checks that files can be written in it.
     *
     * @param dir the directory
     * @return why files cannot be written there; empty when they can
     */
    static Optional<String> writableDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return Optional.of("is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of(reason(e, dir));
        }
        try {
            Files.delete(Files.createTempFile(dir, ".csat-", ".probe"));
            return Optional.empty();
        } catch (IOException e) {
            // The probe's own name means nothing to the user: the directory is what was refused.
            return Optional.of(reason(e, e instanceof FileSystemException f && f.getFile() != null
                    && Path.of(f.getFile()).getParent() != null ? Path.of(f.getFile()) : dir));
        }
    }

    /**
     * @param e a file error, checked or wrapped in an {@link UncheckedIOException}
     * @return the file error itself
     */
    static IOException ioCause(Exception e) {
        return e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
    }

    /**
     * @param e a file error
     * @return its reason in a few words, with the path it concerns when that is not the one the
     *     user gave
     */
    static String reason(IOException e) {
        return reason(e, null);
    }

    /**
     * @param e a file error
     * @param given the path the user gave, which the message need not repeat; null for none
     * @return its reason in a few words, naming the path it concerns when that is another one
     */
    static String reason(IOException e, @Nullable Path given) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory" + other(n, given);
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied" + other(a, given);
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "a file is in the way" + other(f, given);
        }
        if (e instanceof NotDirectoryException n) {
            return "not a directory" + other(n, given);
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            String reason = f.getReason();
            return Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + other(f, given);
        }
        Throwable cause = e.getCause();
        if (cause instanceof IOException io && cause != e) {
            return reason(io, given);
        }
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        // The system's words ("No space left on device") read as the rest of the sentence.
        return message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1)) ? Character.toLowerCase(message.charAt(0))
                        + message.substring(1) : message;
    }

    /** Names the file a file-system error is about when it is not the one given (a parent, a probe). */
    private static String other(FileSystemException e, @Nullable Path given) {
        if (e.getFile() == null || given != null && Path.of(e.getFile()).toAbsolutePath().equals(given.toAbsolutePath())) {
            return "";
        }
        return " (" + e.getFile() + ")";
    }
}
