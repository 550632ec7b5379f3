/**
 * Just enough of the shell to read RUN lines: split a command line into simple commands (at `&&`,
 * `||`, `;`, `|`, newlines) and each into words, honouring quotes and backslashes. Pure; it never
 * expands anything, so `$VAR` stays as written.
 */

/** The simple commands of a shell line, each a list of words. */
export function shellCommands(line: string): string[][] {
  // `sudo`, `env A=B`, `time` and leading assignments wrap the real command.
  return shellWords(line)
    .map(unwrap)
    .filter((c) => c.length > 0);
}

/** The words of a shell line, grouped by simple command, nothing unwrapped. */
export function shellWords(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      word += line.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        word += line[i];
      }
    } else if (c === '\\' && i + 1 < line.length) {
      // A backslash-newline is a continuation; any other escaped character is literal.
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i++;
    } else if (c === '#' && !inWord) {
      const nl = line.indexOf('\n', i);
      i = nl < 0 ? line.length : nl - 1;
    } else if (c === '&' || c === '|' || c === ';' || c === '\n' || c === '(' || c === ')') {
      endCommand();
      if ((c === '&' || c === '|') && line[i + 1] === c) i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

function unwrap(words: string[]): string[] {
  let w = words;
  for (;;) {
    if (w.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) w = w.slice(1);
    else if (w[0] === 'sudo' || w[0] === 'time' || w[0] === 'exec' || w[0] === 'command') w = w.slice(1);
    else if (w[0] === 'env') w = w.slice(1);
    else return w;
  }
}

/** The program name of a command (`/usr/bin/python3.11` → `python3.11`). */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
