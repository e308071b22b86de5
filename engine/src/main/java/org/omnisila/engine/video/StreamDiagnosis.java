package org.omnisila.engine.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Works out, in words a user understands, why a file that exists and is not empty could not be opened as a
 * video: it is text, an incomplete MP4, audio only, or its video codec is unknown or not in this build.
 */
final class StreamDiagnosis {

    private static final int SNIFF = 512;

    private StreamDiagnosis() {
    }

    /**
     * @param file a readable, non-empty file that FFmpeg could not open or in which it found no usable video
     * @return the problem, without the file name
     */
    static String explain(Path file) {
        byte[] head = head(file);
        List<String> streams = new ArrayList<>();
        String codecProblem = null;
        boolean opened;
        AVFormatContext ctx = new AVFormatContext(null);
        opened = avformat.avformat_open_input(ctx, file.toString(), null, null) >= 0;
        if (opened) {
            try {
                avformat.avformat_find_stream_info(ctx, (PointerPointer<?>) null);
                for (int i = 0; i < ctx.nb_streams(); i++) {
                    AVCodecParameters p = ctx.streams(i).codecpar();
                    String name = avcodec.avcodec_get_name(p.codec_id()).getString();
                    if (p.codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                        if (p.codec_id() == avcodec.AV_CODEC_ID_NONE) {
                            codecProblem = "its video codec is unknown (" + fourcc(p.codec_tag())
                                    + "): FFmpeg cannot decode it; convert the file to H.264 MP4";
                        } else if (avcodec.avcodec_find_decoder(p.codec_id()) == null) {
                            codecProblem = "its video codec " + name + " (" + fourcc(p.codec_tag())
                                    + ") is not supported by this build; convert the file to H.264 MP4";
                        }
                        streams.add("video " + name);
                    } else if (p.codec_type() == avutil.AVMEDIA_TYPE_AUDIO) {
                        streams.add("audio " + name);
                    }
                }
            } finally {
                avformat.avformat_close_input(ctx);
            }
        }
        if (codecProblem != null) {
            return codecProblem;
        }
        if (opened && streams.stream().noneMatch(s -> s.startsWith("video "))) {
            return streams.isEmpty() ? "it contains no video stream"
                    : "it has no video stream, only " + String.join(", ", streams) + " (an audio file?)";
        }
        if (head.length >= 8 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return "the MP4/MOV file is incomplete: its index (the 'moov' atom) is missing, so it was probably cut "
                    + "short or not finished recording";
        }
        if (isText(head)) {
            return "not a video file: it holds text (it starts with \"" + preview(head) + "\")";
        }
        if (opened) {
            return "FFmpeg found no video it can decode in it (streams: " + String.join(", ", streams) + ")";
        }
        return "not a video file FFmpeg can read: no known container format was recognised (damaged, or not a "
                + "video?)";
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Printable UTF-8 without NUL bytes: a text or JSON file. */
    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            if (b == 0 || (b > 0 && b < 32 && b != '\n' && b != '\r' && b != '\t')) {
                return false;
            }
        }
        try {
            // a multi-byte character cut at the end of the sniffed bytes is not a reason to say "binary"
            int end = head.length;
            while (end > 0 && end > head.length - 4 && (head[end - 1] & 0x80) != 0) {
                end--;
            }
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String preview(byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return s.length() > 24 ? s.substring(0, 24) + "..." : s;
    }

    private static String fourcc(int tag) {
        StringBuilder b = new StringBuilder("fourcc '");
        for (int i = 0; i < 4; i++) {
            int c = (tag >>> (8 * i)) & 0xff;
            b.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return tag == 0 ? "no fourcc" : b.append('\'').toString();
    }
}
