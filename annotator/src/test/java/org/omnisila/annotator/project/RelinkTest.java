package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.models.Sha256;

/** Videos that moved are found again: by content when their hash is known, by name when it is not. */
class RelinkTest {

    @TempDir
    Path folder;

    @Test
    void movedAndRenamedVideosAreFoundByTheirHash() throws IOException {
        Path before = Files.createDirectories(folder.resolve("before"));
        Path a = Files.writeString(before.resolve("a.mp4"), "the bytes of video A");
        Path b = Files.writeString(before.resolve("b.mp4"), "the bytes of video B");
        Path c = Files.writeString(before.resolve("c.mp4"), "the bytes of video C");
        Path file = Projects.create(folder);
        try (AnnotationProject project = AnnotationProject.open(file, "Ann")) {
            for (Path video : List.of(a, b, c)) {
                Projects.addItems(project, video.toString(), Sha256.of(video), 1);
            }
            Projects.addItems(project, "video_test_0000007", null, 1); // ground truth names videos by id

            Path after = Files.createDirectories(folder.resolve("after/sub"));
            Files.move(a, after.resolve("a.mp4"));
            Files.move(b, folder.resolve("after/renamed b.mkv"));
            Files.delete(c);
            Files.writeString(folder.resolve("after/c.mp4"), "another video, named like C");
            Files.writeString(after.resolve("video_test_0000007.mp4"), "the bytes of the ground-truth video");

            RelinkReport report = project.relink(folder.resolve("after"));
            assertEquals(3, report.found());
            assertEquals(List.of(c.toString()), report.stillMissing());

            List<Video> videos = project.videos();
            assertEquals(after.resolve("a.mp4").toString(), videos.get(0).path());
            assertEquals(folder.resolve("after/renamed b.mkv").toString(), videos.get(1).path());
            assertEquals(c.toString(), videos.get(2).path(), "a different file named like C is not C");
            assertEquals(after.resolve("video_test_0000007.mp4").toString(), videos.get(3).path());
            assertEquals(Sha256.of(after.resolve("video_test_0000007.mp4")), videos.get(3).sha256(),
                    "a video found by name gets its hash, so that the next relink goes by content");
            assertEquals(videos.get(0).path(), project.items(ItemFilter.all().withVideo(videos.get(0).id()))
                    .get(0).videoPath());

            List<AuditEntry> relinks = project.auditLog().stream().filter(e -> e.action() == AuditAction.RELINK)
                    .toList();
            assertEquals(List.of(List.of(videos.get(0).id(), "path", a.toString(), videos.get(0).path()),
                            List.of(videos.get(1).id(), "path", b.toString(), videos.get(1).path()),
                            List.of(videos.get(3).id(), "path", "video_test_0000007", videos.get(3).path())),
                    relinks.stream().map(e -> List.<Object>of(e.videoId(), e.field(), e.oldValue(), e.newValue()))
                            .toList());
            assertNull(relinks.get(0).itemId());

            RelinkReport again = project.relink(folder.resolve("after"));
            assertEquals(0, again.found());
            assertEquals(1, again.missing());

            Path nowhere = folder.resolve("nowhere");
            assertEquals(file.toAbsolutePath() + ": cannot look for the videos in " + nowhere + ": no such folder",
                    assertThrows(ProjectException.class, () -> project.relink(nowhere)).getMessage());
        }
    }
}
