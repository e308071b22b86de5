package org.omnisila.annotator.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a project file as SQLite, set up for crash safety, with its schema brought up to date by Flyway
 * ({@code db/migration/annotator/V*.sql}).
 *
 * <p>Settings, per connection: WAL journal (a commit appends to the write-ahead log; readers never see half a
 * transaction and a killed process leaves the file consistent), {@code synchronous=FULL} (each commit is forced to
 * disk before it returns, so an edit the annotator saw saved survives a power cut too, not only a crash of the
 * program; NORMAL would be safe for the file but could lose the last edits on power loss. An edit costs one fsync,
 * a whole import one too), foreign keys on, and a busy timeout for the short moments another reader holds the
 * file.
 */
final class ProjectDatabase {

    /** Where the migrations are, inside the annotator's jar: a folder of our own, not Flyway's default. */
    private static final String MIGRATIONS = "classpath:db/migration/annotator";

    private ProjectDatabase() {
    }

    /**
     * Opens (and, with {@code create}, first creates) a project's database and migrates its schema.
     *
     * @throws ProjectException when the file is missing (or, with {@code create}, exists), is not an annotation
     *                          project, was written by a newer Omni-SILA, or cannot be read or written
     */
    static Database open(Path file, boolean create) {
        String name = file.toString();
        if (create && Files.exists(file)) {
            throw new ProjectException(name + " already exists; open it, or choose another file name for a new project");
        }
        if (!create && !Files.isRegularFile(file)) {
            throw new ProjectException(name + ": no such project file" + (Files.exists(file) ? " (it is a folder)" : ""));
        }
        SQLiteDataSource source = dataSource(file);
        Flyway flyway = Flyway.configure()
                .dataSource(source)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .loggers("slf4j")
                .load();
        Connection connection = null;
        try {
            connection = source.getConnection();
            connection.setAutoCommit(false);
            Database db = new Database(connection, name);
            if (!create) {
                checkIsProject(db, flyway);
            }
            flyway.migrate();
            return db;
        } catch (SQLException e) {
            close(connection);
            throw SqlProblems.of(name, create ? "create the project" : "open the project", e);
        } catch (FlywayException e) {
            close(connection);
            throw new ProjectException(name + ": cannot bring the project's tables up to date: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        // The driver would otherwise prepare a "SELECT last_insert_rowid()" after every INSERT, for JDBC's generated
        // keys, which we do not use (Database.insert asks once, with a kept statement): a third of an import's time.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    /** An existing file must be an SQLite database with our schema history, of a version this build knows. */
    private static void checkIsProject(Database db, Flyway flyway) throws SQLException {
        boolean hasHistory = db.first("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", r -> true,
                flyway.getConfiguration().getTable()).isPresent();
        db.rollback();
        if (!hasHistory) {
            throw new ProjectException(db.name() + " is an SQLite database but not an annotation project");
        }
        MigrationInfo[] applied = flyway.info().applied();
        MigrationInfo newer = Arrays.stream(applied)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .reduce((a, b) -> b).orElse(null);
        if (newer != null) {
            throw new ProjectException(db.name() + " was written by a newer Omni-SILA (project schema "
                    + newer.getVersion() + "); this build reads up to schema " + latestKnown(applied)
                    + ". Update the workbench to open it.");
        }
    }

    private static String latestKnown(MigrationInfo[] applied) {
        return Arrays.stream(applied)
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .map(m -> String.valueOf(m.getVersion())).reduce((a, b) -> b).orElse("?");
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing: the first problem is the one reported.
            }
        }
    }
}
