package org.omnisila.annotator.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL on a project's tables, inside one transaction of {@link AnnotationProject#readTables} or
 * {@link AnnotationProject#writeTables}: for the annotator's own packages (the review queue, model opinions, peer
 * reviews, exports), whose queries are too specific for {@link AnnotationProject}'s methods. Views do not use it.
 * Item fields are changed only through {@link AnnotationProject#edit}, which keeps the edit history and the audit
 * log; this is for the tables that have neither (schema in {@code db/migration/annotator}). Statements are
 * prepared once per project and kept.
 */
public interface ProjectSql {

    /** Makes one value from the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done in one transaction, which may fail with the driver's exception. */
    @FunctionalInterface
    interface Work<T> {
        T run(ProjectSql sql) throws SQLException;
    }

    /** The project in messages (its path). */
    String name();

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    int update(String sql, Object... parameters) throws SQLException;

    /** Runs an INSERT and returns the new row's id. */
    long insert(String sql, Object... parameters) throws SQLException;

    /** Runs a query and maps every row. */
    <T> List<T> query(String sql, Row<T> row, Object... parameters) throws SQLException;

    /** Runs a query and maps its first row, if there is one. */
    <T> Optional<T> first(String sql, Row<T> row, Object... parameters) throws SQLException;
}
