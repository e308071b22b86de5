package org.omnisila.annotator.project;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Says in words what a failed SQLite call means for the annotator, instead of the driver's codes. */
final class SqlProblems {

    private SqlProblems() {
    }

    /**
     * @param file what the project is called in messages (its path)
     * @param what what was being done, e.g. "save the edit"
     * @param e    what the driver reported
     * @return a {@link ProjectException} naming the file, the action and the reason
     */
    static ProjectException of(String file, String what, SQLException e) {
        return new ProjectException(file + ": cannot " + what + ": " + reason(e), e);
    }

    private static String reason(SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException lite ? lite.getResultCode() : null;
        if (code == null) {
            return e.getMessage();
        }
        return switch (code) {
            case SQLITE_FULL -> "the disk is full; free some space and try again (nothing was lost)";
            case SQLITE_READONLY, SQLITE_READONLY_DBMOVED, SQLITE_READONLY_DIRECTORY, SQLITE_READONLY_RECOVERY,
                 SQLITE_READONLY_ROLLBACK, SQLITE_READONLY_CANTLOCK ->
                    "the file or its folder is read-only; copy the project somewhere writable";
            case SQLITE_NOTADB -> "this is not an annotation project (not an SQLite database)";
            case SQLITE_CORRUPT, SQLITE_CORRUPT_VTAB -> "the file is damaged; restore it from a backup";
            case SQLITE_CANTOPEN -> "the file cannot be opened (does its folder exist, may you read it?)";
            case SQLITE_BUSY, SQLITE_LOCKED -> "another program is using the file; close it and try again";
            default -> {
                if (code.name().startsWith("SQLITE_IOERR")) {
                    yield "the disk could not be read or written (" + code.name() + "); check the drive";
                }
                yield e.getMessage();
            }
        };
    }
}
