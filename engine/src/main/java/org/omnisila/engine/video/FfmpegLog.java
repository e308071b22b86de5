package org.omnisila.engine.video;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own log lines (warnings and errors such as {@code Invalid NAL unit size}) to the SLF4J logger
 * {@code org.omnisila.engine.video.FfmpegLog} at debug level instead of standard error. Problems that matter to
 * a user are reported by this package itself, as exceptions or {@link VideoWarning}s.
 */
final class FfmpegLog extends LogCallback {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLog.class);
    /** Held for the life of the JVM: FFmpeg keeps a pointer to it. */
    private static final FfmpegLog INSTANCE = new FfmpegLog();
    private static boolean installed;

    private FfmpegLog() {
    }

    /** Installs the callback once per JVM; later calls do nothing. */
    static synchronized void install() {
        if (!installed) {
            avutil.av_log_set_level(avutil.AV_LOG_WARNING);
            avutil.setLogCallback(INSTANCE);
            installed = true;
        }
    }

    @Override
    public void call(int level, BytePointer message) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("FFmpeg {}: {}", level <= avutil.AV_LOG_ERROR ? "error" : "warning",
                    message.getString().strip());
        }
    }
}
