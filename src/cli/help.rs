//! The help texts, in Chinese and English, each with an example. `docs/cli.md` says the same at
//! length.

pub const OVERVIEW: &str = "\
demozone —— 网络市场监管与服务示范区创建自评工具的命令行
demozone — the command line of the 网络市场监管与服务示范区 self-assessment workbench

用法 / usage:
  demozone score FILE...           重新计算评估文件的得分并以JSON输出
                                   score assessment files, print JSON
  demozone rank FILE|FOLDER...     省级汇总:多个评估文件的排名表(JSON、CSV或Excel)
                                   the province's ranking of many files (JSON, CSV or .xlsx)
  demozone panel FILE|FOLDER...    专家组合议:合并多位专家的评分表
                                   merge expert score sheets into the panel's result
  demozone evidence FILE DIR...    核对佐证材料:收到的文件与评估文件记录的指纹是否一致
                                   check received attachments against the file's fingerprints
  demozone check-rubric FILE...    检查指标体系数据文件
                                   validate a rubric data file
  demozone COMMAND --help          某个命令的说明 / help on one command
  demozone --version

退出码 / exit codes: 0 成功 / success; 1 有文件无法读取或无法合并 / a file could not be read
or merged (the others are still processed); 2 用法错误 / usage error.
完整说明 / full reference: docs/cli.md";

pub const SCORE: &str = "\
用法 / usage: demozone score FILE... [--rubric RUBRIC.json]...

重新计算每个评估文件的得分(从不采信文件中记录的分数),以JSON数组输出:总分、结论、各一级指标的
得分和得分率、各指标得分、未达到的合格条件及差分;小数均为字符串。无法计分的文件(无法读取、
有错误的输入)在标准错误中说明文件和字段,其他文件照常计分,退出码为1。

Recomputes every assessment file (recorded scores are never trusted) and prints a JSON array:
total, verdict, dimensions with score and rate, indicators, unmet conditions and the points they
miss; decimals are strings. A file that cannot be scored is named on stderr with the field; the
others are still scored, and the exit code is 1.

选项 / options:
  --rubric RUBRIC.json   另外加载一个指标体系版本(可写多次)/ load another rubric version (repeatable)

示例 / example:
  demozone score 杭州市.json 宁波市.json > 得分.json";

pub const RANK: &str = "\
用法 / usage: demozone rank FILE|FOLDER... [--csv | --xlsx OUT.xlsx] [--rubric RUBRIC.json]...

省级汇总:把多个创建对象的评估文件放在一张表中,与程序中的“省级汇总”相同:按总分从高到低排列
(同分按名称,再按文件顺序),各一级指标得分率(只舍不入)、结论、未达到的合格条件及差分、重复
提示(同一评估或同一创建对象),以及无法读取的文件及原因。默认输出JSON(\"format\":
\"demozone-rank\", \"format_version\": 1;小数为字符串)。
文件夹:读取其中的.json文件(不含子文件夹,不含以“.”开头的隐藏文件),按文件名排序。
有文件无法读取时,其余文件照常汇总、输出,退出码为1。

The province's table of many assessment files, the same as 省级汇总 in the app: sorted by total,
best first (ties by name, then by file order); each dimension's score rate (truncated), the
verdict, the unmet conditions and the points missing, duplicate flags (the same assessment or the
same subject), and the files that could not be read with the reason. JSON by default (\"format\":
\"demozone-rank\", \"format_version\": 1; decimals as strings).
A folder gives its .json files (not those of its subfolders, not hidden files starting with \".\"),
by file name. When a file cannot be read, the others are still ranked and printed; exit code 1.

选项 / options:
  --csv                  输出与程序“导出CSV”相同的CSV(UTF-8带BOM,公式字符已中和)
                         print the CSV the app exports (UTF-8 with BOM, formula-safe)
  --xlsx OUT.xlsx        写出与程序“导出Excel”相同的工作簿 / write the app's .xlsx workbook
  --rubric RUBRIC.json   另外加载一个指标体系版本(可写多次)/ load another rubric version (repeatable)

示例 / examples:
  demozone rank 2025年报送/ > 汇总.json
  demozone rank --csv 2025年报送/ > 汇总.csv
  demozone rank --xlsx 汇总.xlsx 杭州市.json 宁波市.json 温州市.json";

pub const PANEL: &str = "\
用法 / usage: demozone panel FILE|FOLDER... [--csv] [--rubric RUBRIC.json]...

专家组合议:合并同一评估的多份专家评分表,与程序中的“专家组合议”相同:每个指标各位专家的评分、
精确平均分、四舍五入保留两位小数的平均分、极差,分歧较大的指标(极差达到该指标分值的25%)及偏离
最远的专家;一级指标得分、总分(各指标平均分之和)和结论。不能合并的评分表(另一份评估、另一个
指标体系、没有专家评分、同一专家重复)列出原因,此时不输出合议结果。默认输出JSON(\"format\":
\"demozone-panel\", \"format_version\": 1;小数为字符串)。文件夹的读取方式与rank相同。
有评分表无法读取或不能合并时,退出码为1。

Merges the expert sheets of one assessment, the same as 专家组合议 in the app: per indicator each
expert's score, the exact mean, the mean rounded half up to two decimals, the spread; the
indicators where the experts disagree (spread at least 25% of the points) and the expert(s)
farthest from the mean; dimensions, total (the sum of the rounded means) and verdict. Sheets that
cannot be merged (another assessment or rubric, no expert layer, the same expert twice) are listed
with the reason, and then there is no result. JSON by default (\"format\": \"demozone-panel\",
\"format_version\": 1; decimals as strings). Folders as for rank. Exit code 1 when a sheet could
not be read or merged.

选项 / options:
  --csv                  每个指标一行的CSV / CSV, one row per indicator
  --rubric RUBRIC.json   另外加载一个指标体系版本(可写多次)/ load another rubric version (repeatable)

示例 / examples:
  demozone panel 专家评分表/ > 合议.json
  demozone panel --csv 张三.json 李四.json 王五.json > 合议.csv";

pub const CHECK_RUBRIC: &str = "\
用法 / usage: demozone check-rubric RUBRIC.json... [--json]

检查指标体系数据文件,与在程序“指标体系版本”中打开它时的检查相同,给出相同的说明:JSON语法、结构、
分值是否相加一致、编号是否唯一、各计分规则的参数、合格规则等,以及与内置版本同一版本号却数据不同的
情况。文件有效时输出它的版本和概况,退出码为0;有问题时逐条列出,退出码为1。供编制下一版指标体系的
人员使用。

Validates a rubric data file with the same checks and the same messages as opening it in the
app's 指标体系版本: JSON syntax, structure, points adding up, unique ids, each rule's parameters,
the pass rule, and a version number that the bundled rubric already uses for other data. A valid
file prints its version and facts (exit 0); otherwise every problem is listed (exit 1). For
whoever prepares the next indicator table.

选项 / options:
  --json                 以JSON输出(\"format\": \"demozone-rubric-check\")/ print JSON

示例 / example:
  demozone check-rubric 指标体系-2026.json";


pub const EVIDENCE: &str = "\
用法 / usage: demozone evidence FILE RECEIVED... [--rubric RUBRIC.json]...

核对佐证材料:FILE是评估文件,RECEIVED是收到的佐证材料(文件夹,含子文件夹;或文件)。逐个计算
SHA-256指纹,与评估文件中每条佐证材料记录的文件比对:一致、一致(文件已改名,按指纹找到)、内容
不同(同名但内容不同)、缺失;目录外的文件另行列出。结果以JSON输出。退出码:0 全部一致;1 有
内容不同、缺失或无法读取的文件;2 用法错误。

Checks received attachments (folders, read with their subfolders, or files) against the evidence
entries of assessment file FILE by SHA-256: same, same but renamed (found by fingerprint),
different content (same name), missing; files matching no entry are listed. Prints JSON. Exit
code 0 when every recorded file arrived unchanged, 1 otherwise or when a file could not be read.

选项 / options:
  --rubric RUBRIC.json   另外加载一个指标体系版本(可写多次)/ load another rubric version (repeatable)

示例 / example:
  demozone evidence 杭州市.json 收到的附件/ > 核对结果.json";
