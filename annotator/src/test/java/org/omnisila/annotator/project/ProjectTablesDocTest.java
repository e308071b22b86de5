package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/formats.md, "Annotation project", names every table of the current schema and every column of items. */
class ProjectTablesDocTest {

    @TempDir
    Path folder;

    @Test
    void everyTableAndItemColumnIsDocumented() throws IOException, SQLException {
        String doc = Files.readString(Path.of("..", "docs", "formats.md"));
        int start = doc.indexOf("## Annotation project");
        assertTrue(start >= 0, "formats.md has the section Annotation project");
        String section = doc.substring(start);
        Path file = folder.resolve("doc.sila");
        AnnotationProject.create(file, "doc");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            for (String table : strings(s, "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
                assertTrue(section.contains("`" + table + "`"), "formats.md names the table " + table);
            }
            String itemsRow = section.lines().filter(l -> l.startsWith("| `items` |")).findFirst().orElseThrow();
            for (String column : strings(s, "SELECT name FROM pragma_table_info('items')")) {
                // id, video_id and import_id are described in words (the row's id, "video", the import)
                boolean named = itemsRow.contains("`" + column + "`") || List.of("id", "video_id", "import_id")
                        .contains(column);
                assertTrue(named, "the items row of formats.md names the column " + column);
            }
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
