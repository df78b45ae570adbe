"""Build ``kg/data/benchmarks.jsonl`` and ``kg/data/datasets.jsonl``.

Two sources:

* the team lists below (``source: team``), written from general knowledge of
  the field: evaluation benchmarks up to 2025 and well-known training corpora
  and data releases;
* the Papers with Code dataset collection
  (``shared/external/gazetteers/pwc_datasets.jsonl``, CC-BY-SA-4.0,
  ``source: pwc``), filtered for names specific enough to match safely in any
  abstract, and typed Benchmark unless listed in ``PWC_DATASETS``.

Team entries win every name they claim; a PwC name whose key is already taken
(by a team entry, or by a model or technique in the catalogue) is dropped.

The word check needs an English word list (Debian's ``wamerican``:
``/usr/share/dict/words``).  Run from the repository root::

    python scripts/derive_benchmarks.py [--pwc PATH] [--words PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.catalogue import name_key, read_file, read_word_list, slug  # noqa: E402

# One entry a line: "label | alias | alias"; a leading "!" marks a cased entry
# (the name is also an ordinary word or token and must match with its case).
TEAM_BENCHMARKS = r"""
# --- knowledge, general reasoning, exams
MMLU | Massive Multitask Language Understanding
MMLU-Pro
MMLU-Redux
MMLU-ProX
MMMLU | Multilingual MMLU
Global-MMLU
CMMLU
C-Eval
KMMLU
ArabicMMLU
AGIEval
GAOKAO-Bench | GaoKao-Bench
SuperGPQA
GPQA | Graduate-Level Google-Proof Q&A
GPQA Diamond | GPQA-D
Humanity's Last Exam | HLE | Humanitys Last Exam
SimpleQA
Chinese SimpleQA | C-SimpleQA
BIG-Bench | BIG-bench | BigBench | Beyond the Imitation Game Benchmark
BIG-Bench Hard | BBH | BIG-bench Hard
BIG-Bench Extra Hard | BBEH
BIG-Bench Lite
HellaSwag
!ARC | AI2 Reasoning Challenge
!ARC-Challenge | ARC-C | ARC Challenge | ARC-c
!ARC-Easy | ARC-E | ARC Easy | ARC-e
ARC-AGI | Abstraction and Reasoning Corpus
ARC-AGI-2
TruthfulQA
WinoGrande
Winograd Schema Challenge | WSC | WSC273
!PIQA | Physical Interaction Question Answering
SIQA | Social IQa | SocialIQA | Social IQA
OpenBookQA | OBQA
CommonsenseQA | CSQA
CommonsenseQA 2.0 | CSQA2
StrategyQA
BoolQ
!COPA | Choice of Plausible Alternatives
XCOPA
!RTE | Recognizing Textual Entailment
CommitmentBank
MultiRC
!ReCoRD
!WiC | Words in Context
!GLUE | General Language Understanding Evaluation
SuperGLUE
Stanford Sentiment Treebank | SST
SST-2
SST-5
MNLI | MultiNLI | Multi-Genre Natural Language Inference
QNLI
QQP | Quora Question Pairs
MRPC | Microsoft Research Paraphrase Corpus
!CoLA | Corpus of Linguistic Acceptability
STS-B | STS Benchmark | STSB
WNLI
SNLI | Stanford Natural Language Inference
ANLI | Adversarial NLI
XNLI
XStoryCloze
Story Cloze Test | StoryCloze
!LAMBADA
WikiText-103 | WikiText103 | WT103
WikiText-2 | WikiText2 | WT2
WikiText
Penn Treebank | PTB
One Billion Word | One Billion Word Benchmark | LM1B | 1B Word Benchmark | Billion Word Benchmark
enwik8
text8
PG-19 | PG19
Long Range Arena | LRA
!SCROLLS
ZeroSCROLLS
LongBench
LongBench v2 | LongBench-v2
InfiniteBench | InfiniBench
!RULER
Needle in a Haystack | NIAH | Needle-in-a-Haystack
!MRCR
NoLiMa
BABILong
L-Eval
LooGLE
LV-Eval
!HELMET
LongGenBench
!HELM | Holistic Evaluation of Language Models
Open LLM Leaderboard
Chatbot Arena | LMSYS Chatbot Arena | LMArena
MT-Bench | MT Bench
MT-Bench-101
AlpacaEval
AlpacaEval 2.0 | AlpacaEval 2 | AlpacaEval2
Arena-Hard | Arena-Hard-Auto | ArenaHard
Arena-Hard v2 | Arena-Hard-v2.0
WildBench
Vicuna-Bench | Vicuna Bench
MixEval
LiveBench
IFEval | Instruction-Following Eval
FollowBench
InFoBench
IFBench
Multi-IF
ComplexBench
!MultiChallenge
!COLLIE
EQ-Bench
Codeforces | CodeForces
# --- safety, bias, truthfulness, reward models
HarmBench
AdvBench
JailbreakBench
XSTest
!StrongREJECT
SORRY-Bench
WildGuardTest
ToxiGen
RealToxicityPrompts
!BBQ | Bias Benchmark for QA
CrowS-Pairs
StereoSet
WinoBias
WinoGender
WMDP
!Do-Not-Answer
SALAD-Bench
AgentHarm
HEx-PHI
OR-Bench
DecodingTrust
MM-SafetyBench
SafetyBench
AgentDojo
InjecAgent
CyberSecEval
RewardBench | Reward-Bench
RewardBench 2
RM-Bench
JudgeBench
VL-RewardBench
ProcessBench
PRMBench
HaluEval
!FEVER | Fact Extraction and VERification
SciFact
FactScore
Climate-FEVER
# --- mathematics
GSM8K | GSM-8K | Grade School Math 8K
GSM-Hard | GSMHard
GSM-Plus | GSMPlus | GSM+
GSM-Symbolic
GSM1K
MGSM | Multilingual Grade School Math
SVAMP
ASDiv
MAWPS
!AQuA-RAT | AQuA
MathQA
TabMWP
!MATH | MATH dataset
MATH-500 | MATH500
Minerva Math | MinervaMath
OlympiadBench
Omni-MATH | OmniMATH
FrontierMath
AIME
AIME 2024 | AIME24 | AIME'24
AIME 2025 | AIME25 | AIME'25
AIME 2026 | AIME26 | AIME'26
USAMO
USAMO 2025
AMC 2023 | AMC23
AMC12
HMMT
HMMT 2025 | HMMT25 | HMMT February 2025 | HMMT Feb 2025
HMMT 2024 | HMMT24
CNMO
MathArena
TheoremQA
CMATH
MathBench
MathOdyssey
U-MATH
PutnamBench
miniF2F
ProofNet
MathVista
MathVerse
LogicVista
MATH-Vision | MathVision | MATH-V
We-Math
DynaMath
OlympicArena
LiveMathBench
# --- code, software engineering, SQL
!HumanEval | Human-Eval
HumanEval+ | HumanEvalPlus | HumanEval Plus
HumanEval-X
HumanEval-XL
HumanEvalPack
HumanEval-V
MBPP | Mostly Basic Python Problems
MBPP+ | MBPPPlus | MBPP Plus
EvalPlus
!APPS | Automated Programming Progress Standard
!CodeContests
LiveCodeBench
LiveCodeBench Pro
BigCodeBench
DS-1000
CRUXEval
!MultiPL-E
CodeXGLUE
ClassEval
RepoBench
CrossCodeEval
SWE-bench | SWE-Bench | SWEBench
SWE-bench Verified | SWE-Bench Verified | SWE-bench-Verified
SWE-bench Lite | SWE-Bench Lite
SWE-bench Multimodal
SWE-bench Pro
SWE-bench Multilingual
SWE-PolyBench
KernelBench
Multi-SWE-bench
SWE-Lancer
Terminal-Bench | TerminalBench
Aider Polyglot | Aider-Polyglot
CodeElo
USACO
!Spider
Spider 2.0 | Spider2
!BIRD | BIRD-SQL
WikiSQL
CoSQL
!SParC
MLE-bench
RE-Bench
PaperBench
SciCode
Defects4J
CoNaLa
BigCloneBench
POJ-104
CodeSearchNet
McEval
FullStackBench
NaturalCodeBench
EvoEval
!CanItEdit
CodeArena
Cybench
# --- agents, tools, web, GUI
WebArena
VisualWebArena
WorkArena
Mind2Web
Online-Mind2Web
!WebShop
ALFWorld
!ScienceWorld
BabyAI
MiniWoB++ | MiniWoB
OSWorld
OSWorld-Verified
AndroidWorld
!AndroidControl
Android in the Wild | AITW
ScreenSpot
ScreenSpot-Pro
ScreenSpot-v2
Google Research Football
MineDojo
MiniGrid
VLN-CE
BEHAVIOR-1K
RoboCasa
VLABench
AgentBench
!GAIA
ToolBench
StableToolBench
API-Bank
APIBench
ToolQA
BFCL | Berkeley Function Calling Leaderboard | Berkeley Function-Calling Leaderboard
tau-bench | TauBench | Tau-Bench | τ-bench | τ-Bench
tau2-bench | Tau2-Bench | τ²-bench | τ2-bench | τ²-Bench
BrowseComp
BrowseComp-ZH
BrowseComp-Plus
WebWalkerQA
AssistantBench
TheAgentCompany
InterCode
AppWorld
WebVoyager
WebLINX
Windows Agent Arena | WindowsAgentArena
VisualAgentBench
MLAgentBench
DSBench
ACEBench
# --- question answering, reading comprehension, retrieval
SQuAD | Stanford Question Answering Dataset
SQuAD 1.1 | SQuAD1.1 | SQuAD v1.1 | SQuADv1.1
SQuAD 2.0 | SQuAD2.0 | SQuAD v2 | SQuAD v2.0 | SQuADv2
!RACE
CoQA
QuAC
!DROP
NewsQA
Children's Book Test
!Visual Commonsense Reasoning | VCR
!Numenta Anomaly Benchmark | NAB
SearchQA
HotpotQA
!Natural Questions | NQ | NaturalQuestions
TriviaQA
WebQuestions | WebQ
WebQuestionsSP | WebQSP
ComplexWebQuestions | CWQ
MuSiQue
2WikiMultiHopQA | 2WikiMQA | 2Wiki
Bamboogle
FreshQA
PopQA
!EntityQuestions
ELI5
ASQA
QAMPARI
!KILT
BEIR
MTEB | Massive Text Embedding Benchmark
MMTEB
C-MTEB
MS MARCO | MSMARCO
TREC-COVID
TREC DL | TREC Deep Learning
!LoTTE
NFCorpus
FiQA | FiQA-2018
ArguAna
Touche-2020 | Touché-2020
CQADupStack
SciDocs | SCIDOCS
!BRIGHT
MIRACL
Mr. TyDi
TyDi QA | TyDiQA
MLQA
XQuAD
MKQA
NarrativeQA
!QuALITY
Qasper
QMSum
GovReport
XSum
!Gigaword | English Gigaword
E2E NLG Challenge | E2E NLG
!Wizard of Wikipedia | WoW
OntoNotes | OntoNotes 5.0
Multi-News | MultiNews
SAMSum
CNN/DailyMail | CNN/DM | CNN-DM | CNN/Daily Mail | CNN-DailyMail
PubMedQA
MedQA
MedMCQA
MultiMedQA
HealthBench
MedXpertQA
BioASQ
!BLURB
LogiQA
ReClor
!FOLIO
ProntoQA | PrOntoQA
ProofWriter
CLUTRR
ZebraLogic
MuSR
KOR-Bench
!FRAMES
MultiHop-RAG
DuReader
CMRC 2018 | CMRC2018
LegalBench
LexGLUE
CaseHOLD
FinQA
TAT-QA
ConvFinQA
FinanceBench
TabFact
WikiTableQuestions | WTQ
HybridQA
FeTaQA
!ToTTo
SciBench
SciEval
ChemBench
SentEval
!SICK
# --- multilingual, translation
FLORES-200 | FLORES200
FLORES-101 | FLORES101
!FLORES
WMT
WMT14 | WMT 2014 | WMT'14
WMT15 | WMT 2015 | WMT'15
WMT16 | WMT 2016 | WMT'16
WMT17 | WMT 2017 | WMT'17
WMT18 | WMT 2018 | WMT'18
WMT19 | WMT 2019 | WMT'19
WMT20 | WMT 2020 | WMT'20
WMT21 | WMT 2021 | WMT'21
WMT22 | WMT 2022 | WMT'22
WMT23 | WMT 2023 | WMT'23
WMT24 | WMT 2024 | WMT'24
IWSLT
IWSLT14 | IWSLT 2014 | IWSLT'14
IWSLT15 | IWSLT 2015
IWSLT16 | IWSLT 2016
IWSLT17 | IWSLT 2017
Belebele
XTREME
XTREME-R
XGLUE
!PAWS
PAWS-X
XWinograd
XL-Sum | XLSum
KLUE
!CLUE | Chinese Language Understanding Evaluation
SuperCLUE
JGLUE
IndicGLUE
FLEURS
NusaX
# --- vision
ImageNet | ILSVRC
ImageNet-1K | ImageNet-1k | IN-1K | ILSVRC-2012 | ILSVRC 2012 | ILSVRC2012 | ImageNet 2012
ImageNet-R | ImageNet-Rendition
ImageNet-A | ImageNet-Adversarial
ImageNet-Sketch
ImageNet-V2 | ImageNetV2
ImageNet-C
ImageNet-O
ObjectNet
!Labeled Faces in the Wild | LFW
300W | 300-W
!WILDS
CIFAR-10 | CIFAR10
CIFAR-100 | CIFAR100
CIFAR-10-C | CIFAR10-C
CIFAR-100-C | CIFAR100-C
CIFAR
MNIST
EMNIST
KMNIST
SVHN | Street View House Numbers
STL-10 | STL10
Tiny ImageNet | TinyImageNet | Tiny-ImageNet
Caltech-101 | Caltech101
Caltech-256 | Caltech256
Oxford-IIIT Pet | Oxford-IIIT Pets | Oxford Pets | OxfordPets
Oxford Flowers-102 | Oxford 102 Flowers | Oxford 102 Flower | Flowers-102 | Flowers102 | Oxford Flowers
Stanford Cars | StanfordCars
FGVC-Aircraft | FGVC Aircraft | FGVCAircraft
DTD | Describable Textures Dataset
EuroSAT
RESISC45 | NWPU-RESISC45
Food-101 | Food101
SUN397
CUB-200-2011 | CUB-200 | CUB200
iNaturalist
Places365
VTAB | Visual Task Adaptation Benchmark | VTAB-1k
COCO | MS COCO | MSCOCO | Microsoft COCO | MS-COCO
COCO Captions
LVIS
Objects365
ADE20K | ADE-20K
!Cityscapes | CityScapes
Pascal VOC | PASCAL VOC | VOC
PASCAL VOC 2007 | VOC2007 | VOC 2007
PASCAL VOC 2012 | VOC2012 | VOC 2012
PASCAL-Context | Pascal Context
COCO-Stuff
KITTI
nuScenes
Waymo Open Dataset
ScanNet
ModelNet40
S3DIS
SemanticKITTI
CelebA
CelebA-HQ
FFHQ | Flickr-Faces-HQ
LSUN
AFHQ
!Kinetics
Kinetics-400 | K400 | Kinetics400
Kinetics-600 | K600 | Kinetics600
Kinetics-700 | K700 | Kinetics700
Something-Something V2 | SSv2 | Something-Something-V2 | SSV2
UCF101 | UCF-101
HMDB51 | HMDB-51
ActivityNet
!Charades
EPIC-KITCHENS
MSR-VTT | MSRVTT
MSVD
DiDeMo
YouCook2
VATEX
TVQA
NExT-QA
EgoSchema
Video-MME | VideoMME
MVBench
LongVideoBench
MLVU
!Perception Test
ActivityNet-QA
TempCompass
Video-MMMU | VideoMMMU
VSI-Bench
OpenEQA
EmbodiedBench
# --- vision-language
VQAv2 | VQA v2 | VQA 2.0 | VQA-v2 | VQA v2.0
!GQA
OK-VQA | OKVQA
A-OKVQA
TextVQA
DocVQA
InfographicVQA | InfoVQA
ChartQA
!AI2D
ScienceQA
VizWiz
OCRBench
OCRBench v2
MMBench
!MME
MME-RealWorld
HR-Bench
ODinW
MMStar
MMMU
MMMU-Pro
MM-Vet
SEED-Bench
!POPE
HallusionBench
LLaVA-Bench | LLaVA-Bench (In-the-Wild) | LLaVA-Bench-in-the-Wild
RealWorldQA
!BLINK
MMVP
CV-Bench
CharXiv
NoCaps
Flickr30k | Flickr30K
RefCOCO
RefCOCO+
RefCOCOg
Winoground
SugarCrepe
MMT-Bench
MUIRBench
MMLongBench-Doc
Q-Bench
MMHal-Bench
GenEval
T2I-CompBench
DPG-Bench
PartiPrompts | Parti Prompts
DrawBench
VBench
EvalCrafter
GenAI-Bench
TIFA
GEdit-Bench
MagicBrush
MJHQ-30K
# --- speech and audio
LibriSpeech
!Common Voice | CommonVoice
VCTK
LJSpeech
!TIMIT
AISHELL-1
VoxCeleb1
VoxCeleb2
CoVoST 2 | CoVoST2 | CoVoST
MuST-C
ESC-50
!AudioSet
AudioCaps
Clotho
!SUPERB
Dynamic-SUPERB
MMAU
MMAR
Seed-TTS-eval | Seed-TTS-Eval
OmniBench
VoiceBench
!Speech Commands
MusicCaps
VGGSound
# --- graphs, molecules, science
OGB | Open Graph Benchmark
ogbn-arxiv
ogbn-products
ogbg-molhiv
!Cora
CiteSeer | Citeseer
QM9
MoleculeNet
TUDataset
PCQM4Mv2
Long Range Graph Benchmark | LRGB
ogbn-proteins
ogbn-papers100M
ogbl-collab
ogbg-molpcba
MD17
ProteinGym
!TAPE
GuacaMol
!MOSES
CASP14
CASP15
WeatherBench 2 | WeatherBench2
ClimateBench
LAB-Bench
# --- reinforcement learning, robotics, embodied
Arcade Learning Environment
Atari 100k | Atari-100k
D4RL
Procgen
DeepMind Control Suite | DMControl | DM Control
Meta-World | MetaWorld
!Crafter
!StarCraft Multi-Agent Challenge | SMAC
!CALVIN
!LIBERO
RLBench
ManiSkill
SimplerEnv
!ALFRED
Room-to-Room | R2R
!REVERIE
# --- time series, tabular, medical imaging
ETTh1
ETTh2
ETTm1
ETTm2
GIFT-Eval
CheXpert
ChestX-ray14
!BraTS
!ISIC
Camelyon16
VQA-RAD
!SLAKE
PathVQA
MedMNIST
UCR Time Series Archive | UCR Archive
OpenML-CC18
TabArena
"""

TEAM_DATASETS = r"""
# --- pre-training text corpora
!The Pile | Pile
C4 | Colossal Clean Crawled Corpus
mC4
RedPajama | RedPajama-Data
RedPajama-V2 | RedPajama-Data-V2
SlimPajama
FineWeb
FineWeb-Edu
FineWeb2
!Dolma
!RefinedWeb | Falcon RefinedWeb
!ROOTS
DCLM | DataComp-LM
DCLM-Baseline
Common Crawl | CommonCrawl
CC-100 | CC100
!OSCAR
CC-News | CCNews
!RealNews
!WebText
OpenWebText
OpenWebText2
BookCorpus | BooksCorpus | Toronto Book Corpus
Books3
!TinyStories
Cosmopedia
SmolLM-Corpus
Zyda
Zyda-2
TxT360
Nemotron-CC
!MassiveText
CulturaX
MADLAD-400
S2ORC
peS2o
Proof-Pile-2 | ProofPile-2
Proof-Pile | ProofPile
OpenWebMath
AlgebraicStack
MathPile
FineMath
MegaMath
!The Stack
The Stack v2 | Stack v2
StarCoderData
Project CodeNet | CodeNet
WuDaoCorpora | WuDao Corpora
WanJuan
SkyPile | SkyPile-150B
ChineseWebText
# --- instruction, chat and preference data
ShareGPT
UltraChat | UltraChat 200k | UltraChat-200k
UltraFeedback | UltraFeedback Binarized
HH-RLHF | Anthropic HH | Anthropic HH-RLHF | Anthropic Helpful and Harmless
HelpSteer
HelpSteer2
HelpSteer3
OpenAssistant Conversations | OASST1 | OASST | OpenAssistant Conversations Dataset
OASST2
Alpaca-52K | Alpaca 52K | Alpaca data | Alpaca dataset
Alpaca-GPT4
Dolly-15k | Dolly 15k | databricks-dolly-15k
FLAN Collection | Flan Collection | Flan 2022 | FLAN 2022
Super-NaturalInstructions | SuperNI | Super-NI | Natural Instructions v2
!Natural Instructions | NaturalInstructions
Public Pool of Prompts
xP3
!Unnatural Instructions
OpenOrca
SlimOrca
MetaMathQA
MathInstruct
NuminaMath-CoT
OpenMathInstruct-1
OpenMathInstruct-2
!OpenMathReasoning
OpenR1-Math-220k
!OpenThoughts | OpenThoughts-114k
OpenThoughts3
Bespoke-Stratos-17k
s1K
PRM800K
DeepMath-103K
!Big-Math
DAPO-Math-17K
!NaturalReasoning
!OpenCodeReasoning
Infinity-Instruct
UltraInteract
SmolTalk
WebInstruct
Llama-Nemotron-Post-Training-Dataset
Skywork-Reward-Preference-80K
VLFeedback | VL-Feedback
NuminaMath-1.5
Tulu 3 SFT Mixture | Tülu 3 SFT mixture | tulu-3-sft-mixture
Tulu V2 SFT Mixture | Tulu V2 Mix | tulu-v2-sft-mixture
LMSYS-Chat-1M
WildChat | WildChat-1M
Chatbot Arena Conversations
!Nectar
Stanford Human Preferences
PKU-SafeRLHF
BeaverTails
WildJailbreak
CodeAlpaca | CodeAlpaca-20k | Code Alpaca
!AgentInstruct
Lean Workbook
Aya Dataset
Aya Collection
# --- parallel and multilingual data
ParaCrawl
CCMatrix
CCAligned
!OPUS
# --- image, video, multimodal data
LAION
LAION-400M
LAION-5B
LAION-2B | LAION-2B-en | LAION2B
LAION-Aesthetics
LAION-COCO
DataComp | DataComp-1B
COYO-700M | COYO
JFT-300M
JFT-3B
ImageNet-21K | ImageNet-22K | ImageNet-21k | IN-21K | ImageNet21K | ImageNet22K
Conceptual Captions | CC3M
Conceptual 12M | CC12M
SBU Captions
YFCC100M | YFCC-100M
WebLI
LVD-142M
MMC4 | Multimodal C4
OBELICS
ShareGPT4V
ShareGPT4Video
Cambrian-10M
PixMo
MINT-1T
OmniCorpus
OpenVid-1M
LLaVA-Instruct-150K | LLaVA-Instruct
SA-1B
Visual Genome
WebVid-10M | WebVid
HD-VILA-100M
Panda-70M
InternVid
HowTo100M
Ego4D
!Open Images | OpenImages
Objaverse
Objaverse-XL
ShapeNet
Open X-Embodiment | OXE
!BridgeData V2 | BridgeData
!DROID
Pick-a-Pic
# --- speech
GigaSpeech
Libri-Light | LibriLight
LibriTTS
!Emilia
People's Speech | The People's Speech
VoxPopuli
YODAS
WavCaps
LAION-Audio-630K
WenetSpeech
Multilingual LibriSpeech
# --- clinical and other records
MIMIC-III
MIMIC-IV
MIMIC-CXR
UK Biobank
ChEMBL
PubChem
UniRef50
UniRef90
Protein Data Bank
ERA5
!Free Music Archive | FMA
"""

# --------------------------------------------------------------------------- PwC

# Typed Dataset (a training corpus or data release, not an evaluation benchmark).
PWC_DATASETS = {
    "WikiMatrix", "WikiConv", "OpenSubtitles", "JParaCrawl", "ConceptNet", "FrameNet", "NomBank", "YAGO",
    "ParaBank", "PARANMT-50M", "Tencent ML-Images", "IG-1B-Targeted", "IG-3.5B-17k", "YouTube-100M",
    "Chinese Gigaword", "JW300", "MultiUN", "United Nations Parallel Corpus", "Europarl-ST", "IndicCorp",
    "CLUECorpus2020", "Wiki-40B", "Glint360K", "MS-Celeb-1M", "CASIA-WebFace", "VGGFace2", "UMDFaces", "KELM",
    "GenericsKB", "T-REx", "CORD-19", "Elsevier OA CC-BY", "Curation Corpus", "Localized Narratives", "CC-Stories",
    "Standardized Project Gutenberg Corpus", "Cornell Movie-Dialogs Corpus", "Blog Authorship Corpus",
    "New York Times Annotated Corpus", "PersonalDialog", "LCCC", "OpenViDial", "AVSpeech", "Unsplash Dataset",
    "DANBOORU2020", "Open Images V4", "ecoset", "Million-AID", "SOREL-20M", "Lakh MIDI Dataset",
    "GiantMIDI-Piano", "Spotify Podcast", "RoboNet", "WikiLinks", "MemeTracker", "methods2test", "StaQC",
    "JuICe", "Search4Code", "Recipe1M+", "HowTo100M", "YFCC100M", "WebVision", "Clothing1M", "LibriVoxDeEn",
    "CCAligned", "CCMatrix", "Libri-Light", "VoxPopuli", "Multilingual LibriSpeech", "MIMIC-III", "MIMIC-CXR",
    "CzEng 2.0 Parallel Corpus", "HindEnCorp", "EiTB-ParCC", "BRWAC", "caWaC", "SBWCE", "IndicNLP Corpus",
    "Europarl ConcoDisco Dataset", "Gumar Corpus", "The Annotated Gumar Corpus", "Tatoeba", "Panlex",
    "Fashion 144K", "InstaCities1M", "Twitter100k", "GitHub Typo Corpus", "WikiAtomicEdits", "WikiDocEdits",
    "OPIEC", "DBpedia NIF", "Wikidata-Disamb", "WikiDataSets", "Reddit Corpus", "ArabicWeb16", "NewsPH-NLI",
    "Mega-COV", "GeoCoV19", "Sentiment140", "MovieLens", "Netflix Prize", "Amazon Fine Foods", "ShapeNet",
    "Objaverse", "Matterport3D", "SUNCG", "3D-FRONT", "3D-FUTURE", "PartNet", "ABC Dataset", "Thingi10K",
    "Open X-Embodiment", "MAESTRO", "Slakh2100", "NSynth", "MusicNet", "FMA", "Pinterest Complete The Look",
}

# Variants kept as entries of their own, never merged into a team entry.
PWC_KEEP_APART = set()

# Kept although a rule would drop them (well-known, specific in context).
PWC_KEEP = {
    # all-caps words that name well-known benchmarks
    "MELD", "CARLA", "DIODE", "AMASS", "ZINC", "SWAG", "SCAN", "SNIPS", "SURREAL", "JIGSAWS", "ROPES", "QUASAR",
    "STARE", "LIAR", "ATOMIC", "DREAM", "DAVIS", "LAMA", "CLOTH", "RAVEN", "CATER", "SUBJ", "NELL", "PROTEINS",
    "ENZYMES", "REDS", "ASSET", "FAUST", "CONAN", "ETHICS", "ETHOS", "EXAMS", "HANS", "MAVEN", "RESIDE", "SLURP",
    "EMBER", "MAESTRO", "COIN", "FUSS", "CATER",
    # phrases of capitalised words that name one resource
    "Topical-Chat", "Partial-REID", "Washington RGB-D", "OK-VQA", "UCF-Crime", "Google Landmarks Dataset v2",
    "Google Landmarks Dataset", "Charades-Ego", "Weibo NER", "Open Entity", "PS-Battles", "Netflix Prize",
    "Amazon Fine Foods", "Stanford Light Field", "YT-BB", "Obstacle Tower", "Localized Narratives",
    "Office-Home", "Fashion IQ", "CC-Stories", "Meta-Dataset", "Penn Action", "Places-LT", "Open Images V4",
    "Medical Segmentation Decathlon", "Numeric Fused-Head", "Aff-Wild", "Atari Grand Challenge",
    "Touchdown Dataset", "Something-Something V1", "Animal-Pose Dataset", "OpenAI Gym", "AG News",
    "Bach Doodle", "Polyglot-NER", "Dialogue State Tracking Challenge", "New York Times Annotated Corpus",
    "Hindi Visual Genome", "ST-VQA", "Hateful Memes", "Hateful Memes Challenge", "Visual Wake Words",
    "Total-Text", "Tasty Videos", "Cornell Movie-Quotes Corpus", "First-Person Hand Action Benchmark",
    "Gibson Environment", "Agriculture-Vision", "Standardized Project Gutenberg Corpus", "COVID-CT",
    "Oxford Town Center", "Aachen Day-Night", "Occluded REID", "Fluent Speech Commands", "Fashion-Gen",
    "Indian Pines", "Stanford Dogs", "Resume NER", "VQA-CP", "Stanford Online Products", "MIT-States",
    "Sydney Urban Objects", "Universal Dependencies", "UT-Interaction", "Extended Yale B",
    "Washington RGB-D Scenes", "Washington RGB-D Scenes v2", "Blended Skill Talk", "Blog Authorship Corpus",
    "Cornell Movie-Dialogs Corpus", "Fusion 360 Gallery", "One Million Posts Corpus", "Parallel Meaning Bank",
    "United Nations Parallel Corpus", "UC Merced Land Use Dataset", "UC Merced Land Use",
    "The Spoken Wikipedia Corpora", "Flickr Audio Caption Corpus", "Aesthetic Visual Analysis",
    "CMU Wilderness Multilingual Speech Dataset", "XD-Violence", "Switchboard-1 Corpus",
    "Neural Code Search Evaluation Dataset", "Newspaper Navigator", "OCR-VQA", "Moral Stories", "VQA-E",
    "Princeton Shape", "Princeton Shape Benchmark", "Spot the Difference Corpus", "Who-did-What",
    "Moments in Time",
    "Rain100H", "Rain100L", "Rain800", "Rain1400",
}

# Dropped although the rules would keep them (ambiguous, generic or misleading).
PWC_SKIP = {
    "MuMu", "PTL", "DARPA", "Darpa", "WeChat", "MoCap", "RoboCup", "Music21", "word2word", "Skill2vec",
    "Texygen Platform", "RLLab Framework", "Flightmare Simulator", "CE4", "l2d", "NText", "O4B", "PoC", "E2E",
    "ArxivPapers", "LinkedResults", "SegmentedTables", "PWC Leaderboards", "CUHK", "DBLP", "ISTD", "BookTest",
    "A3D", "A2D", "H3D", "G3D", "UCSD", "Funcom", "Pinterest", "Decagon", "Lani", "Zooniverse", "Udacity",
    "Ecoli", "Ciao", "Kumar", "Epinion", "Yesno", "Dengue", "Gazeta", "Snopes", "Interestingness",
    "Friendster", "Orkut", "Wireframe", "Headcam", "Boxy", "IntrA", "SoF", "SPoC", "CCNet", "Materials Project",
    "Amazon Product Data", "Semantic Scholar", "Reddit Corpus", "Mathematics Dataset", "Tiny Images",
    "UCI Machine Learning Repository", "Kitchen Scenes", "Natural Stories", "Collective Activity",
    "Street Scene", "Kennedy Space Center", "Multilingual Reuters", "Mario AI", "Earnings Call", "IS-A",
    "US-4", "Acronym Identification", "CC-19", "MD Gender", "Machine Number Sense", "Moving Symbols",
    "French Wikipedia", "Wikipedia Title", "Wikipedia Generation", "Processed Twitter", "Urban Environments",
    "Street Dataset", "Crowd Dataset", "Object Discovery", "Perceptual Similarity", "Relative Size",
    "Image Paragraph Captioning", "Visual Question Answering", "Hate Speech", "Sentence Compression",
    "Google Dataset", "Kinect-WSJ", "AirSim", "HoME", "PhotoSynth", "SmartCity", "Open MIC", "Cell",
    "ETH", "WIDER", "MARS", "X-MARS", "SEED", "BLUE", "DART", "MIND", "BABEL", "LUNA", "DRIVE", "STAR",
    "AND Dataset", "PART-OF", "GRID Dataset", "TURBID Dataset", "BIKED", "needadvice", "MLM", "TimeTravel",
    "FollowUp", "MuTual", "CoDEx", "ExPose", "HoVer", "LiMiT", "QuAIL", "PhotoBook", "ListOps",
    "VeRi", "ReCO", "NatCat", "RainNet", "DeepLoc", "PoKi", "PoMo", "ClarQ", "DoQA", "SciREX",
    "GOZ", "Synthetic Rain Datasets", "Test100", "Test1200", "Test2800", "Open PI", "Event-QA",
    "COVID-Q", "WT-WT", "TB-Places", "VG-Depth", "Multi-Ego", "Multi Task Crowd", "General-100",
    "Cops-Ref", "Q-Traffic", "Brain US", "NYU Hand", "Bach Chorales", "Mixing Secrets", "Couples Therapy",
    "George Washington", "Robbie Williams", "Replay-Mobile", "Replay-Attack", "New College", "Sugar Beets 2016",
    "Musk v1", "Musk v2", "Kinship", "Chinese Classifier", "Chinese Literature NER RE",
    "Affective Text", "Image Memorability", "Story Commonsense", "Video Storytelling", "Composable activities",
    "Composable activities dataset", "Automatic Keyphrase Extraction", "Automatic Keyphrase Extraction Dataset",
    "Explainable Abstract Trains", "Real SVBRDF", "Deeply vocal characterizer", "Colorectal Adenoma",
    "Plant Centroids", "Minecraft House", "Urban Dict spelling variant", "Cross-Dataset Testbed",
    "Clinical Admission Notes from MIMIC-III", "Reverb", "Unsplash", "Da Vinci", "SARA motion", "highD Dataseth",
    "Get it #OffMyChest", "COCO+", "Fongbe audio", "Hate Speech and Offensive Language",
}

# Proper nouns and common tokens that never make a name specific on their own.
NOT_DISTINCTIVE = {
    "amazon", "google", "twitter", "reddit", "wikipedia", "wiki", "facebook", "youtube", "microsoft",
    "github", "arxiv", "pubmed", "flickr", "instagram", "weibo", "yahoo", "quora", "yelp", "baidu",
    "stanford", "mit", "cmu", "nyu", "ucf", "ucsd", "uci", "openai", "deepmind", "ibm", "nasa", "nih",
    "rgb", "rgbd", "nlp", "qa", "vqa", "gan", "cnn", "rnn", "lstm", "mri", "ct", "eeg", "ecg", "emg",
    "fmri", "3d", "2d", "4d", "ner", "pos", "sql", "api", "gpu", "hd", "uav", "covid", "covid19", "url",
    "html", "pdf", "json", "xml", "ai", "ml", "dl", "cv", "asr", "tts", "ocr", "ssl", "rl", "ir",
    "kb", "kg", "lidar", "sar", "gps", "imu", "iot", "dna", "rna", "hiv", "icu", "ehr", "usa", "us",
    "uk", "eu", "en", "de", "fr", "zh", "es", "ja", "ru", "it", "pt", "ar", "ko", "hi", "bn",
    "dataset", "datasets", "data", "corpus", "corpora", "benchmark", "challenge", "database", "db",
    "set", "collection", "suite", "task", "tasks", "track", "shared", "test", "train", "val", "dev",
    "v1", "v2", "v3", "v4", "v5", "hq", "lq", "hr", "lr", "sr", "tv", "pc", "id", "reid", "re",
}

_BAD_CHARS = re.compile(r"[(),:%/>;!?\[\]{}\"“”]| - |\s-|-\s")
_BAD_TAIL = re.compile(
    r"(?i)\b(?:val|valid|validation|test|testing|dev|train|test-std|test-dev|test-standard|unsupervised|"
    r"supervised|labeled|labels|upscaling|\d+x\d*|\d+-way|\d+-shot|shot|sigma\d+|split|subset|"
    r"easy|medium|hard|full|mini|small|large|clean|final|english|german|chinese|french|spanish)$")
_VERSION = re.compile(r"(?i)^(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)*[kmb]?|\d{4})$")


def load_words(path: Path) -> tuple[set[str], set[str]]:
    """Lower-case English words, and the words the list writes capitalised (proper nouns)."""
    lower, proper = set(), set()
    for w in path.read_text(encoding="utf-8", errors="replace").split():
        w = w.split("'")[0]
        if not w:
            continue
        (proper if w[0].isupper() else lower).add(w.lower())
    return lower, proper - lower


def tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-_.]+", name) if t]


def classify(name: str, words: set[str], proper: set[str]) -> tuple[str, bool]:
    """("keep" | "cased" | reason to drop, is-all-caps-word) for one surface name."""
    name = name.strip()
    if not name:
        return "empty", False
    if _BAD_CHARS.search(name):
        return "punct", False
    if len(name.split()) > 5:
        return "long", False
    if _BAD_TAIL.search(name) and len(tokens(name)) > 1:
        return "split", False
    key = name_key(name)
    if len(key) < 3:
        return "short", False
    toks = tokens(name)
    distinctive = []
    for t in toks:
        low = t.lower()
        if low in NOT_DISTINCTIVE or _VERSION.match(t):
            continue
        alpha = re.sub(r"[^A-Za-z]", "", t)
        if not alpha:
            continue
        has_digit = any(c.isdigit() for c in t)
        inner_caps = any(c.isupper() for c in t[1:]) and not t.isupper()
        if has_digit and len(alpha) >= 2:
            distinctive.append(("digit", t))
        elif inner_caps:
            distinctive.append(("camel", t))
        elif t.isupper() and len(alpha) >= 4:
            distinctive.append(("caps-word" if low in words or low in proper else "caps", t))
        elif t.isupper() and len(alpha) == 3 and len(toks) > 1:
            distinctive.append(("caps3", t))
        elif low not in words and low not in proper and len(alpha) >= 4:
            distinctive.append(("rare", t))
    compact = re.fullmatch(r"[A-Za-z][A-Za-z0-9+]*(?:-[A-Za-z0-9+]+)+", name)
    if compact and any(c.isdigit() for c in name) and len(re.sub(r"[^A-Za-z]", "", name)) >= 3:
        distinctive.append(("digit", name))     # "Food-101", "Market-1501", "Wiki-40B"
    kinds = {k for k, _ in distinctive}
    if not distinctive:
        if len(toks) >= 2 and all(t[:1].isupper() or _VERSION.match(t) for t in toks):
            return "phrase", False       # "Stanford Cars": reviewed by hand
        return "words", False
    if kinds == {"caps-word"}:
        return "caps-word", True        # "SALSA": an English word in capitals
    if len(toks) == 1 and kinds == {"rare"} and name[:1].isupper() and name[1:].islower():
        return "cased", False            # "Cityscapes"-like single capitalised word
    return "keep", False


def _segments(key: str, words: set[str], max_parts: int = 3) -> bool:
    """``key`` is one to ``max_parts`` English words run together ("followup", "timetravel")."""
    if not key.isalpha():
        return False
    if key in words and (len(key) > 2 or key in _TWO_LETTER):
        return True
    if max_parts == 1:
        return False
    for i in range(2, len(key) - 1):
        head = key[:i]
        if (head in words and (len(head) > 2 or head in _TWO_LETTER)) and _segments(key[i:], words, max_parts - 1):
            return True
    return False


_TWO_LETTER = {"up", "in", "on", "of", "to", "by", "at", "it", "is", "my", "no", "go", "do", "me", "we",
               "us", "an", "or", "as", "be", "so", "he", "if", "am"}


def _ascii(name: str) -> bool:
    import unicodedata
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return all(ord(c) < 128 for c in folded)


def parse_team(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cased = line.startswith("!")
        names = [n.strip() for n in line.lstrip("!").split("|") if n.strip()]
        out.append({"label": names[0], "aliases": names[1:], "cased": cased, "source": "team"})
    return out


def reserved_keys(data: Path, gazetteers: Path) -> dict[str, str]:
    """Keys that name something else: other catalogue files, generic words, PwC methods, Epoch models."""
    out: dict[str, str] = {}
    for fname in ("models.jsonl", "techniques.jsonl"):
        if (data / fname).exists():
            for entry in read_file(data / fname):
                for n in (entry.label, *entry.aliases):
                    out.setdefault(name_key(n), fname)
    for word in read_word_list(data / "generic.txt"):
        out.setdefault(name_key(word), "generic.txt")
    return out


def method_and_model_keys(gazetteers: Path) -> set[str]:
    keys = set()
    path = gazetteers / "pwc_methods.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            keys.add(name_key(raw["name"]))
    path = gazetteers / "epoch_models.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            keys.add(name_key(raw["model"]))
    keys.discard("")
    return keys


_STRIP_TAIL = re.compile(r"\s+(?:Dataset|dataset|Data Set|Database|Benchmark)$")


_BAD_ANY = re.compile(r"(?i)\bvs\.?\b|_|\bto\b|\bone-class\b|\bminival\b|\bminval\b|\btest-|\d\s*x\s*\d|"
                      r"\b(?:classification|detection|segmentation|completion|synthesis|generation|answering|"
                      r"tracking|estimation|recognition|retrieval|moderate|multiple|choice|open|ended|random|"
                      r"partition|area\d*|unaligned|aligned|imbalanced|noisy)\b")
_GENERIC_NUMBERED = re.compile(r"(?i)^(?:test|train|val|dev|set|data|task|split)[\s-]*\d+$")


# A variant that is a leaderboard of its dataset (a language pair, a task number, a setting), not a name.
_APART_BAD = re.compile(r"(?i)\btask\b|\btrack\b|english|\b[a-z]{2}-[a-z]{2}\b|clique|balanced|detected|"
                        r"\beval\d+|answerability|\bS\d\b|similarity|detecting|^atari 2600 |\bnews$|"
                        r"\bmedical$|\bbiomedical$|\bv\d \d\b|\d \d+M$|domain|\b(?:en|de|es|fr|zh|ja|ru|it)$|"
                        r"-view$|\bcommon noun$|\belbows$|\bwrists$")


def _alias_like(variant: str, label: str) -> bool:
    """A spelling, version or acronym of ``label`` rather than another benchmark built on it."""
    vk, lk = name_key(variant), name_key(label)
    if vk == lk or name_key(_STRIP_TAIL.sub("", variant)) == lk or name_key(_STRIP_TAIL.sub("", label)) == vk:
        return True
    for a, b in ((vk, lk), (lk, vk)):
        if a.startswith(b) and re.fullmatch(r"v[0-9.]+|[0-9]+\.[0-9.]+|(?:19|20)[0-9]{2}", a[len(b):]):
            return True
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", label) if w and w[0].isalpha()).lower()
    if len(initials) >= 3 and vk in (initials, initials.replace("d", "", 1) if initials.endswith("d") else initials):
        return True
    return False


def _surface_ok(n: str, words: set[str], proper: set[str]) -> tuple[bool, bool]:
    """(accepted, needs case) for one PwC surface name."""
    if n in PWC_SKIP or not _ascii(n) or " et al" in n or "&" in n:
        return False, False
    if n not in PWC_KEEP and (_BAD_ANY.search(n) or _GENERIC_NUMBERED.match(n)):
        return False, False
    verdict, _ = classify(n, words, proper)
    key = name_key(n)
    if n in PWC_KEEP:
        ok = True
    elif verdict in ("keep", "cased"):
        ok = True
    elif verdict == "caps-word":
        ok = len(tokens(n)) > 1
    else:
        ok = False
    if not ok:
        return False, False
    if n.islower() and _segments(key, words):
        return False, False
    letters = re.sub(r"[^A-Za-z]", "", n)
    cased = (verdict in ("cased", "caps-word", "phrase", "words") or (letters.isupper() and len(letters) >= 2)
             or _segments(key, words) or _segments(name_key(re.sub(r"[^A-Za-z ]", " ", n)), words))
    return True, cased


def pwc_entries(path: Path, words: set[str], proper: set[str], log: list[str]) -> list[dict]:
    """One entry per PwC dataset, plus one per variant that names another benchmark built on it."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rname = re.sub(r"\s+", " ", row["name"]).strip()
        if rname in PWC_SKIP:
            continue
        surfaces = []
        for n in [rname, *row.get("variants", [])]:
            n = re.sub(r"\s+", " ", n).strip()
            m = _STRIP_TAIL.search(n)
            for x in (n, n[:m.start()] if m else None):
                if x and x not in surfaces:
                    surfaces.append(x)
        accepted = [(n, c) for n in surfaces for ok, c in [_surface_ok(n, words, proper)]
                    if ok and (n == rname or not _APART_BAD.search(n))]
        if not accepted:
            continue
        names = [n for n, _ in accepted]
        label = rname if rname in names else names[0]
        etype = "dataset" if rname in PWC_DATASETS or label in PWC_DATASETS else "benchmark"
        main = {"label": label, "aliases": [], "cased": False, "source": "pwc", "type": etype, "row": rname}
        others = []
        for n, c in accepted:
            if n == label or _alias_like(n, label):
                if n != label:
                    main["aliases"].append(n)
                main["cased"] |= c
            elif n.count("+") < 2:
                others.append({"label": n, "aliases": [], "cased": c, "source": "pwc",
                               "type": "dataset" if n in PWC_DATASETS else etype, "row": rname})
        for e in [main, *others]:
            names_ = [e["label"], *e["aliases"]]
            if not all(any(ch.isdigit() for ch in n) for n in names_):
                e["cased"] = True
            e["aliases"] = [a for a in e["aliases"] if len(name_key(a)) >= 4]
            if len(name_key(e["label"])) < 4 and e["label"] not in PWC_KEEP:
                if not e["aliases"]:
                    continue
                e["label"], e["aliases"] = e["aliases"][0], e["aliases"][1:]
            out.append(e)
    return out


def build(pwc_path: Path, words_path: Path, data: Path, log: list[str]) -> tuple[list[dict], list[dict]]:
    words, proper = load_words(words_path)
    reserved = reserved_keys(data, pwc_path.parent)
    elsewhere = method_and_model_keys(pwc_path.parent)
    team = ([dict(e, type="benchmark") for e in parse_team(TEAM_BENCHMARKS)]
            + [dict(e, type="dataset") for e in parse_team(TEAM_DATASETS)])
    owner: dict[str, dict] = {}
    kept: list[dict] = []

    def claim(entry: dict, names: list[str]) -> list[str]:
        out = []
        for n in names:
            key = name_key(n)
            if len(key) < 2:
                log.append(f"drop empty key: {n!r} ({entry['label']})")
                continue
            if key in reserved:
                log.append(f"drop {n!r} ({entry['label']}): also in {reserved[key]}")
                continue
            if key in owner and owner[key] is not entry:
                if entry["source"] == "team":
                    log.append(f"team duplicate {n!r}: {entry['label']} vs {owner[key]['label']}")
                continue
            owner[key] = entry
            out.append(n)
        return out

    for e in team:
        names = claim(e, [e["label"], *e["aliases"]])
        if not names or names[0] != e["label"]:
            log.append(f"team entry lost its label: {e['label']}")
            continue
        e["aliases"] = names[1:]
        kept.append(e)
    for e in pwc_entries(pwc_path, words, proper, log):
        names = [e["label"], *e["aliases"]]
        stripped = _STRIP_TAIL.sub("", e["label"])
        hit = owner.get(name_key(e["label"])) or owner.get(name_key(stripped))
        if hit is not None:
            rest = [n for n in names if name_key(n) not in owner and name_key(n) not in reserved
                    and name_key(n) not in elsewhere and n not in PWC_KEEP_APART]
            if hit["source"] == "team" and rest:
                added = claim(hit, rest)
                hit["aliases"].extend(added)
                if added:
                    log.append(f"merge into {hit['label']}: {added}")
            continue
        names = [n for n in names if name_key(n) not in elsewhere or n in PWC_KEEP]
        if len(names) < len([e["label"], *e["aliases"]]):
            log.append(f"pwc names also a method or model: {e['label']}")
        names = claim(e, names)
        if not names:
            continue
        e["label"], e["aliases"] = names[0], names[1:]
        kept.append(e)
    bench = [e for e in kept if e["type"] == "benchmark"]
    data_ = [e for e in kept if e["type"] == "dataset"]
    return bench, data_


HEADER = ("// Generated by scripts/derive_benchmarks.py.  source \"team\": written by the mlkg team;\n"
          "// source \"pwc\": derived from the Papers with Code dataset collection, CC-BY-SA-4.0 (see NOTICE.md).\n")


def used_ids(data: Path) -> set[str]:
    """Ids of the entries in the other catalogue files (the loader wants ids unique across files)."""
    return {entry.id for fname in ("models.jsonl", "techniques.jsonl") if (data / fname).exists()
            for entry in read_file(data / fname)}


def write(path: Path, entries: list[dict], ids: set[str]) -> None:
    """One line an entry; an explicit id only where the label's slug is taken ("HumanEval+")."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for e in entries:
            obj = {"label": e["label"], "aliases": e["aliases"], "cased": e["cased"], "source": e["source"]}
            id_ = slug(e["label"].replace("+", " plus "))
            if id_ in ids or id_ != slug(e["label"]):
                n = 2
                while id_ in ids:
                    id_, n = f"{slug(e['label'])}-{n}", n + 1
                obj = {"id": id_, **obj}
            ids.add(id_)
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pwc", type=Path, default=ROOT.parent / "shared/external/gazetteers/pwc_datasets.jsonl")
    ap.add_argument("--words", type=Path, default=Path("/usr/share/dict/words"))
    ap.add_argument("--data", type=Path, default=ROOT / "kg/data")
    ap.add_argument("--log", type=Path, default=None, help="write the decisions here")
    args = ap.parse_args()
    log: list[str] = []
    bench, data_ = build(args.pwc, args.words, args.data, log)
    ids = used_ids(args.data)
    write(args.data / "benchmarks.jsonl", bench, ids)
    write(args.data / "datasets.jsonl", data_, ids)
    if args.log:
        args.log.write_text("\n".join(log) + "\n", encoding="utf-8")
    print(f"benchmarks: {len(bench)} ({sum(e['source'] == 'team' for e in bench)} team), "
          f"datasets: {len(data_)} ({sum(e['source'] == 'team' for e in data_)} team)")


if __name__ == "__main__":
    main()
