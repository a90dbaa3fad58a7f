package dev.csatkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of a place a command reads or writes, on a real temporary directory, and the words
 * each kind of file error becomes, naming the path only when it is not the one the user gave.
 */
class PathChecksTest {

    @TempDir
    Path dir;

    @Test
    void aFileToReadMustBeAFileThatExists() throws IOException {
        Path file = Files.writeString(dir.resolve("responses.csv"), "x");
        assertThat(PathChecks.readableFile(file)).isEmpty();
        assertThat(PathChecks.readableFile(dir)).contains("is a directory, not a file");
        assertThat(PathChecks.readableFile(dir.resolve("missing.csv"))).contains("no such file");
        Path nowhere = dir.resolve("nowhere");
        assertThat(PathChecks.readableFile(nowhere.resolve("missing.csv")))
                .contains("no such file (no directory " + nowhere.toAbsolutePath() + ")");
    }

    @Test
    void aFileToWriteIsProbedAndLeftAsItWas() throws IOException {
        Path kept = Files.writeString(dir.resolve("report.csv"), "old", StandardCharsets.UTF_8);
        assertThat(PathChecks.writableFile(kept)).isEmpty();
        assertThat(Files.readString(kept)).as("an existing file is not changed").isEqualTo("old");
        Path fresh = dir.resolve("new.csv");
        assertThat(PathChecks.writableFile(fresh)).isEmpty();
        assertThat(fresh).as("a probe for a new file leaves none").doesNotExist();

        assertThat(PathChecks.writableFile(dir)).contains("is a directory, not a file");
        Path missing = dir.resolve("missing");
        assertThat(PathChecks.writableFile(missing.resolve("out.csv")))
                .contains("no such directory: " + missing.toAbsolutePath());
        assertThat(PathChecks.writableFile(kept.resolve("out.csv")))
                .contains(kept.toAbsolutePath() + " is not a directory");
    }

    @Test
    void aDirectoryToWriteInIsMadeAndProbedWithoutATrace() throws IOException {
        Path out = dir.resolve("a").resolve("b");
        assertThat(PathChecks.writableDirectory(out)).isEmpty();
        assertThat(out).isDirectory();
        try (var left = Files.list(out)) {
            assertThat(left).as("the probe is removed").isEmpty();
        }
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(PathChecks.writableDirectory(file)).contains("is a file, not a directory");
        assertThat(PathChecks.writableDirectory(file.resolve("sub"))).contains("not a directory");
    }

    @Test
    void aPlaceNobodyMayCreateFilesInIsRefusedWithoutNamingTheProbe() {
        // The kernel's /sys: no file can be created there, whoever runs the tests; a container may
        // mount it read-only, which the system words otherwise.
        Path sys = Path.of("/sys");
        Assumptions.assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("report.csv")), "Linux /sys");
        List<String> reasons = List.of("permission denied", "read-only file system");
        assertThat(PathChecks.writableFile(sys.resolve("report.csv"))).hasValueSatisfying(r -> assertThat(r).isIn(reasons));
        assertThat(PathChecks.writableDirectory(sys)).as("the probe's own name means nothing to the user")
                .hasValueSatisfying(r -> assertThat(r).isIn(reasons));
    }

    @Test
    void fileErrorsAreWordedAsAPersonWouldAndNameOnlyAnotherPath() {
        Path given = Path.of("/data/out/report.csv");
        assertThat(PathChecks.reason(new NoSuchFileException("/data/out/report.csv"), given))
                .isEqualTo("no such file or directory");
        assertThat(PathChecks.reason(new NoSuchFileException("/data/out"), given))
                .isEqualTo("no such file or directory (/data/out)");
        assertThat(PathChecks.reason(new AccessDeniedException("/data/out/report.csv"), given))
                .isEqualTo("permission denied");
        assertThat(PathChecks.reason(new FileAlreadyExistsException("/data/out"), given))
                .isEqualTo("a file is in the way (/data/out)");
        assertThat(PathChecks.reason(new NotDirectoryException("/data/out"), given))
                .isEqualTo("not a directory (/data/out)");
        assertThat(PathChecks.reason(new FileSystemException("/data", null, "Read-only file system")))
                .isEqualTo("read-only file system (/data)");
        assertThat(PathChecks.reason(new FileSystemException(null, null, "Disk quota exceeded")))
                .isEqualTo("disk quota exceeded");
        assertThat(PathChecks.reason(new FileSystemException("/data", null, " ")))
                .as("a blank reason says nothing").isEqualTo("/data:  ");
        assertThat(PathChecks.reason(new IOException("wrapped", new AccessDeniedException("/data"))))
                .isEqualTo("permission denied (/data)");
        assertThat(PathChecks.reason(new IOException("the disk went away"))).isEqualTo("the disk went away");
        assertThat(PathChecks.reason(new IOException())).isEqualTo("IOException");
        assertThat(PathChecks.reason(new IOException("No space left on device"))).isEqualTo("no space left on device");
        assertThat(PathChecks.reason(new IOException("X"))).as("one letter is left as it is").isEqualTo("X");
        assertThat(PathChecks.reason(new IOException("EOF reached"))).as("an acronym is kept").isEqualTo("EOF reached");
    }
}
