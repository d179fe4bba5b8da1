// A record's wording from its data file's row (wording.js), and the day put into a GB/T
// entry's access slot.
import { test } from "node:test";
import assert from "node:assert/strict";

import { accessed, wording } from "../../theme/assets/crosswalk/wording.js";

test("the quote is cut out of each script's citation by code points, its marks turned back up a level", () => {
  // A row as provisions.json has it: the quote's inner marks are one level down (‘’), and a
  // character outside the BMP (𠀀) counts once.
  const row = {
    citation: "《文件》第1条：“𠀀推行‘四议两公开’。”", quote: [9, 20], citation_gbt: "文件[Z]. [引用日期].",
    citation_hant: "《文件》第1條：“𠀀推行‘四議兩公開’。”", quote_hant: [9, 20], citation_gbt_hant: "文件[Z].",
  };
  assert.deepEqual(wording(row), {
    hans: { citation: row.citation, gbt: "文件[Z]. [引用日期].", text: "𠀀推行“四议两公开”。" },
    hant: { citation: row.citation_hant, gbt: "文件[Z].", text: "𠀀推行“四議兩公開”。" },
  });
  assert.deepEqual(wording({}).hans, { citation: "", gbt: "", text: "" });
});

test("a GB/T entry gets the day of copying in each of its access slots", () => {
  const day = new Date(2026, 2, 7);
  assert.equal(accessed("X[EB/OL]. 本站, 2018[引用日期]. https://e.org/x/.", day), "X[EB/OL]. 本站, 2018[2026-03-07]. https://e.org/x/.");
  assert.equal(accessed("[引用日期][引用日期]", day), "[2026-03-07][2026-03-07]");
  assert.equal(accessed("X[Z]. 2018.", day), "X[Z]. 2018.");
});
