import rule from "../../rules/commented-out-code.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("commented-out-code", rule as never, {
  valid: [
    // prose, even prose that parses as Python
    "# Load the raw table and drop rows without a label.\n# This keeps the split stratified.\nx = 1",
    "# TODO\n# fallback\nx = 1",
    "# Returns: the fitted model\n# Example: fit(X, y)\nx = 1",
    "# shape: (batch, seq_len)\n# x > 0 here\nx = 1",
    "# see https://example.org/paper.pdf\n# and doi:10.1/abc\nx = 1",
    // doctests, directives, notebook markers, pragmas
    "# >>> model.fit(X, y)\n# >>> model.predict(X)\nx = 1",
    "# eslint-disable-next-line mldebt/unseeded-randomness\n# noqa: E501\nx = 1",
    "# In[3]:\n# %%\nx = 1",
    "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1",
    // a license header that contains code-like text
    "# Copyright (c) 2024 ACME. Licensed under the MIT License.\n# print(license())\n# setup(name='x')\nx = 1",
    // trailing comments are not whole lines
    "x = 1  # y = 2\nz = 3  # w = f(x)",
    // a usage example introduced as such is documentation
    "def autobatch(model):\n    # Usage:\n    #     import torch\n    #     print(autobatch(model))\n    return 1",
    "# For example\n# model = build(cfg)\n# model.fit(X, y)\nx = 1",
    // a documented toggle: the comment before it says to uncomment it
    "# NOTE uncomment below if you hit file limits\n# import resource\n# resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))\nx = 1",
    // one commented-out line is below the default minimum
    "# model.cuda()\nx = 1",
    // code in a string or docstring is no comment
    'def f():\n    """\n    model = build()\n    model.fit(X, y)\n    """\n    return 1',
  ],
  invalid: [
    {
      code: "model = train(X, y)\n# for epoch in range(10):\n#     loss = step(model)\n#     print(epoch, loss)\nsave(model)",
      errors: [{ messageId: "commentedOutCode", line: 2, column: 1, endLine: 4, endColumn: 25 }],
    },
    {
      // indented inside a function, with a blank comment line
      code: "def fit(X, y):\n    # model = GradientBoostingClassifier(n_estimators=500)\n    #\n    # model = LogisticRegression(C=0.1)\n    model = RandomForestClassifier()\n    return model.fit(X, y)",
      errors: [{ messageId: "commentedOutCode", line: 2, column: 5, endLine: 4, endColumn: 40 }],
    },
    {
      // a prose line before the code is not part of the block
      code: "# Old approach, kept in case:\n# import xgboost as xgb\n# model = xgb.XGBClassifier()\nx = 1",
      errors: [{ messageId: "commentedOutCode", line: 2, column: 1, endLine: 3 }],
    },
    {
      // a commented-out function longer than one window is one block
      code: `x = 1\n# def old_init(\n${Array.from({ length: 70 }, (_, index) => `#         arg${index}=${index},\n`).join("")}# ):\n#     pass\n`,
      errors: [{ messageId: "commentedOutCode", line: 2, endLine: 74 }],
    },
    {
      // blank lines inside a commented-out region do not split it
      code: "x = 1\n# lr = LinearRegression()\n# lr.fit(X, y)\n\n# y_pred = lr.predict(X_val)\n\n# print(y_pred)\n",
      errors: [{ messageId: "commentedOutCode", line: 2, endLine: 7 }],
    },
    {
      // two blocks separated by code
      code: "# a = 1\n# b = 2\nx = 1\n# c = f()\n# d = g()",
      errors: [
        { messageId: "commentedOutCode", line: 1 },
        { messageId: "commentedOutCode", line: 4 },
      ],
    },
    {
      // minLines: 1 also reports single lines
      code: "# model.cuda()\nx = 1",
      options: [{ minLines: 1 }],
      errors: [{ messageId: "commentedOutCode", line: 1, column: 1, endColumn: 15 }],
    },
  ],
});

notebookTester.run("commented-out-code (notebooks)", rule as never, {
  valid: [
    // one commented line at the end of a cell and one at the start of the next are two blocks of one line
    { code: notebook("x = 1\n# y = f(x)", "# z = g(x)\nprint(x)"), filename: "nb.ipynb" },
  ],
  invalid: [
    {
      code: notebook({ markdown: "# Train" }, "%matplotlib inline\n# plt.plot(losses)\n# plt.show()\nx = 1"),
      filename: "nb.ipynb",
      errors: [{ messageId: "commentedOutCode", line: 2, column: 1, endLine: 3 }],
    },
  ],
});
