import rule from "../../rules/pipeline-cycle.js";
import { inProject } from "../helpers/project-case.js";
import { pythonTester } from "../helpers/rule-tester.js";

const CLEAN = 'import pandas as pd\nstats = pd.read_csv("data/stats.csv")\ndf = pd.read_csv("data/raw.csv")\ndf.to_csv("data/clean.csv")\n';
const FEATURES = 'import pandas as pd\ndf = pd.read_csv("data/clean.csv")\ndf.describe().to_csv("data/stats.csv")\n';

pythonTester.run("pipeline-cycle", rule as never, {
  valid: [
    inProject("a chain without a loop", { "a.py": 'import pandas as pd\npd.read_csv("raw.csv").to_csv("x.csv")\n', "b.py": 'import pandas as pd\npd.read_csv("x.csv").to_csv("y.csv")\n', "c.py": 'import pandas as pd\npd.read_csv("y.csv")\n' }, "a.py"),
    inProject("a script that updates its own file is no loop between steps", { "update.py": 'import pandas as pd\ndf = pd.read_csv("data/log.csv")\ndf.to_csv("data/log.csv")\n' }, "update.py"),
    inProject("the loop is reported once, in its first file", { "clean.py": CLEAN, "features.py": FEATURES }, "features.py"),
    inProject("one program is no loop: the reader calls the writer", { "stats.py": 'import pandas as pd\n\ndef write_stats():\n    pd.read_csv("data/clean.csv").describe().to_csv("data/stats.csv")\n', "clean.py": 'import pandas as pd\nfrom stats import write_stats\nwrite_stats()\npd.read_csv("data/stats.csv")\npd.read_csv("data/raw.csv").to_csv("data/clean.csv")\n' }, "clean.py"),
  ],
  invalid: [
    {
      ...inProject("two steps feeding each other", { "clean.py": CLEAN, "features.py": FEATURES }, "clean.py"),
      errors: [{ messageId: "cycle", line: 2, column: 9, endLine: 2, endColumn: 38 }],
    },
    {
      ...inProject("a loop through three steps", {
        "a.py": 'import pandas as pd\npd.read_csv("z.csv")\npd.DataFrame().to_csv("x.csv")\n',
        "b.py": 'import pandas as pd\npd.read_csv("x.csv").to_csv("y.csv")\n',
        "c.py": 'import pandas as pd\npd.read_csv("y.csv").to_csv("z.csv")\n',
      }, "a.py"),
      errors: [{ messageId: "cycle", line: 2, column: 1 }],
    },
  ],
});
