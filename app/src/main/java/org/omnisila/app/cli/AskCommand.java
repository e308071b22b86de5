package org.omnisila.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.instruct.InstructionAnswerer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila ask}: an instruction in the paper's form, answered from an analysis. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answer an instruction about an analysed video in the paper's form (identify / locate /",
            "attribute; the whole video, a segment, a time or a stretch), e.g.",
            "  omnisila ask clip.result.json \"identify and attribute segment 3\""})
public final class AskCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT", description = "A result JSON (omnisila analyze --out).")
    Path result;

    @Parameters(index = "1..*", paramLabel = "INSTRUCTION",
            description = "The instruction (default: \"" + Instruction.PAPER + "\").")
    List<String> words = List.of();

    @Override
    public Integer call() {
        String text = words.isEmpty() ? Instruction.PAPER : String.join(" ", words);
        spec.commandLine().getOut().println(InstructionAnswerer.answer(ResultJson.read(result),
                Instruction.parse(text)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
