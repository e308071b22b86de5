package org.omnisila.annotator.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's one connection, always in manual-commit mode: each unit of work runs in {@link #transaction}, which
 * commits it as a whole or rolls it back, so every edit is saved (and forced to disk, synchronous=FULL) before the
 * call returns, and a failure leaves nothing half done. Statements are prepared once and kept.
 */
final class Database implements ProjectSql, AutoCloseable {

    /** Work done with the database, which may fail with the driver's exception. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection connection;
    private final String name;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /**
     * @param connection an open connection with auto-commit off
     * @param name       what to call the project in messages (its path)
     */
    Database(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The project's name in messages (its path). */
    @Override
    public String name() {
        return name;
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws.
     *
     * @param what what the work does, for the message of a failure ("save the edit")
     * @throws ProjectException when the database fails; runtime exceptions of the work pass through unchanged
     */
    <T> T transaction(String what, Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw SqlProblems.of(name, what, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** Commits what was done since the last commit (for work spread over several calls, as an import). */
    void commit(String what) {
        try {
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw SqlProblems.of(name, what, e);
        }
    }

    /** Undoes what was done since the last commit; a failure here is already the consequence of another. */
    void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is unusable; the first failure is what gets reported.
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    @Override
    public int update(String sql, Object... parameters) throws SQLException {
        return bind(sql, parameters).executeUpdate();
    }

    /** Runs an INSERT and returns the new row's id. */
    @Override
    public long insert(String sql, Object... parameters) throws SQLException {
        update(sql, parameters);
        try (ResultSet keys = statement("SELECT last_insert_rowid()").executeQuery()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** Runs a query and maps every row. */
    @Override
    public <T> List<T> query(String sql, Row<T> row, Object... parameters) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rows = bind(sql, parameters).executeQuery()) {
            while (rows.next()) {
                out.add(row.map(rows));
            }
        }
        return out;
    }

    /** Runs a query and maps its first row, if there is one. */
    @Override
    public <T> Optional<T> first(String sql, Row<T> row, Object... parameters) throws SQLException {
        try (ResultSet rows = bind(sql, parameters).executeQuery()) {
            return rows.next() ? Optional.of(row.map(rows)) : Optional.empty();
        }
    }

    private PreparedStatement bind(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = statement(sql);
        statement.clearParameters();
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes the statements and the connection; SQLite checkpoints the WAL into the file on the last close. */
    @Override
    public void close() {
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            throw SqlProblems.of(name, "close the project", e);
        }
    }
}
