package dev.runbook.engine.yaml;

import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns file bytes into text, accepting only UTF-8 (optionally with a BOM) and saying precisely
 * where and why anything else is refused (UTF-16/32, Latin-1, binary).
 */
final class TextDecoder {

    /** Either the text or the problem. */
    record Result(String text, Problem problem) {
    }

    private TextDecoder() {
    }

    static Result decode(String file, byte[] bytes) {
        String bom = bom(bytes);
        if (bom != null) {
            return fail(new SourcePos(file, 1, 1), "the file is " + bom + " encoded", "save it as UTF-8");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = bytes[in.position()] & 0xFF;
            SourcePos pos = position(file, out.flip());
            return fail(pos, String.format("invalid UTF-8 byte 0x%02X: the file is not UTF-8 text", bad),
                    "binary data or another encoding such as Latin-1; save it as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\0') {
                SourcePos pos = position(file, out.subSequence(0, i));
                boolean utf16 = i + 1 < out.length() && out.charAt(i + 1) != '\0' || i > 0;
                return fail(pos, "NUL byte: the file is binary or UTF-16/32 encoded, not UTF-8 text",
                        utf16 ? "save it as UTF-8" : null);
            }
        }
        return new Result(out.toString(), null);
    }

    private static Result fail(SourcePos pos, String message, String hint) {
        return new Result(null, Problem.at(pos, message, hint));
    }

    private static String bom(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return "UTF-32BE";
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
            return "UTF-32LE";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return "UTF-16BE";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return "UTF-16LE";
        }
        return null;
    }

    /** The 1-based position just after {@code before}. */
    static SourcePos position(String file, CharSequence before) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new SourcePos(file, line, col);
    }
}
