"""Build ``kg/data/models.jsonl``, the model catalogue.

Two sources:

* the team list below (``source: team``), written from general knowledge of
  the field (model cards, papers, release notes) up to late 2025: families,
  their versions and the variants that carry names of their own;
* a hand-picked list of further models from Epoch AI, "Notable AI Models"
  (``shared/external/gazetteers/epoch_models.jsonl``, April 2025 snapshot,
  CC-BY-4.0, ``source: epoch``): specific names that abstracts use, mostly
  older vision, speech, games and science models.  Each pick names the Epoch
  row it comes from; the script checks that the row exists.

One entry a line::

    label | variant_of | alias, alias | flags

``variant_of`` is the label of the parent (empty for a family).  Flags:
``c`` the name is also an ordinary word or token and must match with its case;
``d=Label`` the base model a separately named fine-tune was trained from
(``derived_from``: not lineage).

Sizes and variant words (``-7B``, ``-Instruct``, ``mini``, ``Pro``) are parsed by
the recogniser, so they are listed only when a name has a life of its own.

Run from the repository root::

    python scripts/derive_models.py [--epoch PATH] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.catalogue import name_key, slug  # noqa: E402

TEAM = r"""
# ============================================================ OpenAI
GPT | | Generative Pre-trained Transformer | c
GPT-1 | GPT | OpenAI GPT
GPT-2 | GPT
GPT-3 | GPT
InstructGPT | GPT-3
GPT-3.5 | GPT
ChatGPT | GPT-3.5
text-davinci-002 | GPT-3.5
text-davinci-003 | GPT-3.5
code-davinci-002 | GPT-3.5
GPT-4 | GPT
GPT-4 Turbo | GPT-4
GPT-4V | GPT-4 | GPT-4 Vision, GPT-4V(ision)
GPT-4o | GPT-4 | GPT-4 Omni
GPT-4o mini | GPT-4o
GPT-4.1 | GPT-4
GPT-4.5 | GPT-4
GPT-5 | GPT
GPT-5.1 | GPT-5
gpt-oss | GPT
GPT-Image-1 | GPT
Codex | GPT | OpenAI Codex | c
OpenAI o-series | | o-series
o1 | OpenAI o-series | OpenAI o1 | c
o1-mini | o1
o1-preview | o1
o3 | OpenAI o-series | OpenAI o3 | c
o3-mini | o3
o4-mini | OpenAI o-series | OpenAI o4-mini
text-embedding-ada-002
text-embedding-3
GitHub Copilot
DALL-E | | DALL·E, DALLE
DALL-E 2 | DALL-E | DALL·E 2
DALL-E 3 | DALL-E | DALL·E 3
Sora | | | c
Sora 2 | Sora
Whisper | | OpenAI Whisper, whisper | c
CLIP | | Contrastive Language-Image Pre-training, Contrastive Language-Image Pretraining | c
GLIDE | | | c
Jukebox | | | c
MuseNet
OpenAI Five
# ============================================================ Anthropic
Claude | | | c
Claude Instant | Claude
Claude 2 | Claude
Claude 2.1 | Claude 2
Claude 3 | Claude
Claude 3 Opus | Claude 3
Claude 3 Sonnet | Claude 3
Claude 3 Haiku | Claude 3
Claude 3.5 | Claude 3
Claude 3.5 Sonnet | Claude 3.5 | Claude Sonnet 3.5
Claude 3.5 Haiku | Claude 3.5 | Claude Haiku 3.5
Claude 3.7 | Claude 3
Claude 3.7 Sonnet | Claude 3.7 | Claude Sonnet 3.7
Claude 4 | Claude
Claude Sonnet 4 | Claude 4 | Claude 4 Sonnet
Claude Opus 4 | Claude 4 | Claude 4 Opus
Claude 4.1 | Claude 4
Claude Opus 4.1 | Claude 4.1 | Claude 4.1 Opus
Claude 4.5 | Claude 4
Claude Sonnet 4.5 | Claude 4.5 | Claude 4.5 Sonnet
Claude Haiku 4.5 | Claude 4.5 | Claude 4.5 Haiku
Claude Opus 4.5 | Claude 4.5 | Claude 4.5 Opus
# ============================================================ Google / DeepMind
Gemini | | | c
Gemini 1.0 | Gemini
Gemini 1.0 Pro | Gemini 1.0 | Gemini Pro
Gemini 1.0 Ultra | Gemini 1.0 | Gemini Ultra
Gemini Nano | Gemini
Gemini 1.5 | Gemini
Gemini 1.5 Pro | Gemini 1.5
Gemini 1.5 Flash | Gemini 1.5
Gemini 2.0 | Gemini
Gemini 2.0 Flash | Gemini 2.0
Gemini 2.0 Pro | Gemini 2.0
Gemini 2.0 Flash Thinking | Gemini 2.0 Flash
Gemini 2.5 | Gemini
Gemini 2.5 Pro | Gemini 2.5
Gemini 2.5 Flash | Gemini 2.5
Gemini 2.5 Flash Image | Gemini 2.5 Flash | Nano Banana
Gemini 3 | Gemini
Gemini 3 Pro | Gemini 3
Gemini Robotics | Gemini
Gemini Embedding | Gemini
Med-Gemini | Gemini
Gemma
Gemma 2 | Gemma
Gemma 3 | Gemma
Gemma 3n | Gemma 3
CodeGemma | Gemma
RecurrentGemma | Gemma
PaliGemma | Gemma
PaliGemma 2 | PaliGemma
ShieldGemma | Gemma
DataGemma | Gemma
MedGemma | Gemma
TxGemma | Gemma
EmbeddingGemma | Gemma
T5Gemma | Gemma
VaultGemma | Gemma
PaLM | | Pathways Language Model | c
PaLM 2 | PaLM
Flan-PaLM | PaLM
U-PaLM | PaLM
Med-PaLM | PaLM
Med-PaLM 2 | Med-PaLM
PaLM-E | PaLM
Minerva | PaLM | | c
PaLI | | | c
LaMDA
Bard | | Google Bard | c
Meena | | | c
GLaM | | | c
Switch Transformer | | Switch Transformers
T5 | | Text-to-Text Transfer Transformer
mT5 | T5
ByT5 | T5
Flan-T5 | T5
LongT5 | T5
UL2
Flan-UL2 | UL2
Chinchilla | | | c
Gopher | | | c
Sparrow | | | c, d=Chinchilla
RETRO | | Retrieval-Enhanced Transformer | c
Gato | | | c
Flamingo | | | c
AlphaGo
AlphaGo Zero | AlphaGo
AlphaZero
MuZero
AlphaStar
AlphaFold
AlphaFold 2 | AlphaFold
AlphaFold 3 | AlphaFold
AlphaFold-Multimer | AlphaFold
AlphaCode
AlphaCode 2 | AlphaCode
AlphaTensor
AlphaDev
AlphaGeometry
AlphaProof
AlphaEvolve
AlphaMissense
AlphaProteo
Imagen
Imagen 2 | Imagen
Imagen 3 | Imagen
Imagen 4 | Imagen
Imagen Video | Imagen
Parti | | | c
Phenaki
Lumiere | | | c
VideoPoet
Veo
Veo 2 | Veo
Veo 3 | Veo
AudioLM
MusicLM
SoundStream
WaveNet
Tacotron
Tacotron 2 | Tacotron
w2v-BERT
GraphCast
GenCast
GNoME | | | c
TimesFM
RT-1
RT-2
SigLIP
SigLIP 2 | SigLIP
CoCa | | | c
ALIGN | | | c
OWL-ViT
OWLv2 | OWL-ViT
Big Transfer | | BiT | c
MLP-Mixer
# ============================================================ Meta
Llama | | LLaMA, LLaMA-1, LLaMA 1, LLaMA-V1
Llama 2 | Llama | LLaMA-V2, LLaMA 2, Meta-Llama-2
Llama 3 | Llama | Meta-Llama-3
Llama 3.1 | Llama 3 | Meta-Llama-3.1
Llama 3.2 | Llama 3 | Meta-Llama-3.2
Llama 3.3 | Llama 3 | Meta-Llama-3.3
Llama 4 | Llama
Llama 4 Scout | Llama 4
Llama 4 Maverick | Llama 4
Llama 4 Behemoth | Llama 4
Code Llama | Llama | CodeLlama
Llama Guard | Llama | LlamaGuard
MobileLLM
OPT | | Open Pre-trained Transformer | c
OPT-IML | OPT
Galactica
XGLM
NLLB | | No Language Left Behind
M2M-100 | | M2M100
SeamlessM4T
wav2vec
wav2vec 2.0 | wav2vec | wav2vec2
XLS-R | wav2vec 2.0
HuBERT | | hubert | c
data2vec
EnCodec
AudioGen
MusicGen
Make-A-Video
Movie Gen
Chameleon | | | c
ImageBind
Segment Anything Model | | Segment Anything, SAM | c
SAM 2 | Segment Anything Model | Segment Anything Model 2
DINO | | | c
DINOv2 | DINO
DINOv3 | DINO
DETR | | DEtection TRansformer
Deformable DETR | DETR
RT-DETR | DETR
Mask2Former
DeiT
ConvNeXt
ConvNeXt V2 | ConvNeXt
RegNet
ESM | | Evolutionary Scale Modeling | c
ESM-1b | ESM
ESM-2 | ESM
ESMFold | ESM
ESM3 | ESM
BlenderBot
# ============================================================ Microsoft
Phi | | | c
Phi-1 | Phi
Phi-1.5 | Phi
Phi-2 | Phi
Phi-3 | Phi
Phi-3.5 | Phi-3
Phi-4 | Phi
Phi-4-multimodal | Phi-4
Phi-4-reasoning | Phi-4
Phi-4-mini-reasoning | Phi-4-reasoning
Orca | | | c, d=Llama
Orca 2 | Orca | | d=Llama 2
WizardLM | | | d=Llama
WizardLM-2 | WizardLM | | d=Mistral
WizardMath | | | d=Llama 2
WizardCoder | | | d=StarCoder
Kosmos | | KOSMOS, kosmos | c
Florence | | | c
Florence-2 | Florence
BEiT
Swin Transformer | | Swin
Swin Transformer V2 | Swin Transformer | SwinV2, Swin V2
DeBERTa
DeBERTaV3 | DeBERTa | DeBERTa-v3
mDeBERTa | DeBERTa
UniLM
LayoutLM
LayoutLMv2 | LayoutLM
LayoutLMv3 | LayoutLM
MiniLM
all-MiniLM-L6-v2 | MiniLM
CodeBERT | | | d=RoBERTa
GraphCodeBERT | CodeBERT
UniXcoder
BioGPT
BiomedCLIP
LLaVA-Med | LLaVA
TrOCR
VALL-E
WavLM
SpeechT5
DialoGPT | | | d=GPT-2
Turing-NLG | | T-NLG
Megatron-Turing NLG | | MT-NLG
E5 | | e5 | c
Multilingual-E5 | E5 | mE5
# ============================================================ NVIDIA
Megatron-LM
Nemotron
Nemotron-4 | Nemotron
Nemotron-H | Nemotron
Llama-Nemotron | Nemotron | Llama-3.1-Nemotron, Llama-3.3-Nemotron | d=Llama 3
Minitron | Nemotron
NVLM
VILA | | | c
NVILA | VILA
NV-Embed
Hymba
GR00T | | GR00T N1
FourCastNet
SANA | | | c
eDiff-I
StyleGAN
StyleGAN2 | StyleGAN
StyleGAN3 | StyleGAN
AceMath | | | d=Qwen2.5
# ============================================================ Mistral AI
Mistral | | mistral | c
Mixtral | Mistral
Mistral NeMo | Mistral
Mistral Small | Mistral
Mistral Small 3 | Mistral Small
Mistral Small 3.1 | Mistral Small 3
Mistral Medium | Mistral
Mistral Medium 3 | Mistral Medium
Mistral Large | Mistral
Mistral Large 2 | Mistral Large
Mistral Saba | Mistral
Codestral | Mistral
Codestral Mamba | Codestral
Mathstral | Mistral
Pixtral | Mistral
Pixtral Large | Pixtral
Ministral | Mistral
Magistral | Mistral
Devstral | Mistral
Voxtral | Mistral
# ============================================================ Alibaba / Qwen
Qwen | | Tongyi Qianwen
Qwen-VL | Qwen
Qwen-Audio | Qwen
Qwen1.5 | Qwen
CodeQwen | Qwen
Qwen2 | Qwen
Qwen2-VL | Qwen2
Qwen2-Audio | Qwen2
Qwen2-Math | Qwen2
Qwen2.5 | Qwen
Qwen2.5-Math | Qwen2.5
Qwen2.5-Coder | Qwen2.5
Qwen2.5-VL | Qwen2.5
Qwen2.5-Omni | Qwen2.5
Qwen2.5-Max | Qwen2.5
QwQ | Qwen
QVQ | Qwen
Qwen3 | Qwen
Qwen3-VL | Qwen3
Qwen3-Coder | Qwen3
Qwen3-Omni | Qwen3
Qwen3-Next | Qwen3
Qwen3-Max | Qwen3
Qwen3-Embedding | Qwen3
Qwen-Image | Qwen
mPLUG-Owl
mPLUG-Owl2 | mPLUG-Owl
mPLUG-Owl3 | mPLUG-Owl
Ovis | | | c
Marco-o1 | | | d=Qwen2
Wan | | | c
Wan2.1 | Wan
Wan2.2 | Wan
# ============================================================ DeepSeek
DeepSeek
DeepSeek LLM | DeepSeek
DeepSeekMoE | DeepSeek
DeepSeek-Coder | DeepSeek
DeepSeek-Coder-V2 | DeepSeek-Coder
DeepSeekMath | DeepSeek
DeepSeek-Prover | DeepSeek
DeepSeek-VL | DeepSeek
DeepSeek-VL2 | DeepSeek-VL
DeepSeek-V2 | DeepSeek
DeepSeek-V2.5 | DeepSeek-V2
DeepSeek-V3 | DeepSeek
DeepSeek-V3.1 | DeepSeek-V3
DeepSeek-V3.2 | DeepSeek-V3
DeepSeek-R1 | DeepSeek
DeepSeek-R1-Zero | DeepSeek-R1
DeepSeek-R1-Distill-Qwen | DeepSeek-R1 | | d=Qwen2.5
DeepSeek-R1-Distill-Llama | DeepSeek-R1 | | d=Llama 3
DeepSeek-OCR | DeepSeek
Janus | DeepSeek | | c
Janus-Pro | Janus
JanusFlow | Janus
# ============================================================ Zhipu AI / Tsinghua
GLM | | | c
GLM-130B | GLM
ChatGLM | GLM
ChatGLM2 | ChatGLM
ChatGLM3 | ChatGLM
GLM-4 | GLM
GLM-4V | GLM-4
GLM-4.5 | GLM-4
GLM-4.5V | GLM-4.5
GLM-4.6 | GLM-4
CodeGeeX
CogVLM
CogVLM2 | CogVLM
CogAgent | CogVLM
CogView
CogView2 | CogView
CogView3 | CogView
CogVideo
CogVideoX | CogVideo
# ============================================================ other Chinese labs
Kimi
Kimi k1.5 | Kimi
Kimi K2 | Kimi
Kimi-VL | Kimi
Kimi-Audio | Kimi
Kimi-Dev | Kimi
Kimina-Prover
MiniMax | | | c
MiniMax-01 | MiniMax
MiniMax-Text-01 | MiniMax-01
MiniMax-VL-01 | MiniMax-01
MiniMax-M1 | MiniMax
MiniMax-M2 | MiniMax
Yi | | | c
Yi-1.5 | Yi
Yi-VL | Yi
Yi-Coder | Yi
Yi-Lightning | Yi
Baichuan
Baichuan 2 | Baichuan
Baichuan-Omni | Baichuan
InternLM
InternLM2 | InternLM
InternLM2.5 | InternLM
InternLM3 | InternLM
InternLM-XComposer | InternLM
InternLM-Math | InternLM
InternVL
InternVL 1.5 | InternVL
InternVL2 | InternVL
InternVL2.5 | InternVL
InternVL3 | InternVL
InternVL3.5 | InternVL
InternViT | InternVL
InternVideo
InternVideo2 | InternVideo
MiniCPM
MiniCPM-V | MiniCPM
MiniCPM-o | MiniCPM
Hunyuan | | HunYuan
HunyuanVideo | Hunyuan
Hunyuan3D | Hunyuan
Doubao
Seed-Coder
Seed1.5-VL
Seedream
Seedance
BAGEL | | | c
UI-TARS | | | d=Qwen2-VL
ERNIE | | Ernie | c
ERNIE 3.0 | ERNIE
ERNIE 4.0 | ERNIE
ERNIE 4.5 | ERNIE
ERNIE Bot | ERNIE | Wenxin Yiyan
PanGu | | Pangu
Pangu-Weather
Skywork
Skywork-OR1 | Skywork | | d=DeepSeek-R1-Distill-Qwen
XVERSE
Aquila | | | c
TeleChat
Chinese-LLaMA | | | d=Llama
HuatuoGPT
Wu Dao | | WuDao
# ============================================================ other labs and companies
Grok | | | c
Grok-1 | Grok
Grok-1.5 | Grok-1
Grok-2 | Grok
Grok-3 | Grok
Grok-4 | Grok
Cohere Command
Command R | Cohere Command | | c
Command A | Cohere Command | | c
Aya | | aya | c
Aya 23 | Aya
Aya Expanse | Aya
Aya Vision | Aya
Jurassic | | | c
Jurassic-1 | Jurassic
Jurassic-2 | Jurassic
Jamba | | | c
Jamba 1.5 | Jamba
Amazon Nova
Amazon Titan
AlexaTM
Chronos | | | c
OpenELM
MM1
MM1.5 | MM1
FastVLM
MobileCLIP
Granite | | granite | c
Granite 3.0 | Granite
Granite 4.0 | Granite
Granite Code | Granite
Granite Guardian | Granite
DBRX
Snowflake Arctic
StableLM | | Stable LM
StableLM 2 | StableLM
Stable Code | StableLM
Stable Beluga | | | d=Llama 2
Stable Diffusion
Stable Diffusion 1.4 | Stable Diffusion | SD1.4, SD v1.4, Stable Diffusion v1.4, stable-diffusion-v1-4
Stable Diffusion 1.5 | Stable Diffusion | SD1.5, SD v1.5, Stable Diffusion v1.5, stable-diffusion-v1-5
Stable Diffusion 2 | Stable Diffusion | SD2, SD 2.0, Stable Diffusion 2.0, Stable Diffusion v2
Stable Diffusion 2.1 | Stable Diffusion 2 | SD2.1, SD v2.1, Stable Diffusion v2.1
Stable Diffusion XL | Stable Diffusion | SDXL
Stable Diffusion 3 | Stable Diffusion | SD3
Stable Diffusion 3.5 | Stable Diffusion 3 | SD3.5
Stable Video Diffusion | Stable Diffusion
Stable Audio
FLUX | | Flux | c
FLUX.1 | FLUX
FLUX.1 Kontext | FLUX.1
Midjourney
Kandinsky
PixArt-α | | PixArt-alpha
PixArt-Sigma | PixArt-α
DeepFloyd IF | | DeepFloyd
Kling
Vidu
Mochi | | | c
LTX-Video
Open-Sora
VideoCrafter
VideoCrafter2 | VideoCrafter
DynamiCrafter
AnimateDiff
Emu3
Show-o
EXAONE
EXAONE 3.0 | EXAONE
EXAONE 3.5 | EXAONE
EXAONE 4.0 | EXAONE
EXAONE Deep | EXAONE
HyperCLOVA
HyperCLOVA X | HyperCLOVA
SOLAR | | | c, d=Mistral
Falcon | | falcon | c
Falcon 2 | Falcon
Falcon 3 | Falcon
Falcon-H1 | Falcon
Falcon Mamba | Falcon
Jais
SEA-LION | | | c
SeaLLM
EuroLLM
Reka
Reka Core | Reka
Reka Flash | Reka
LFM | | Liquid Foundation Model | c
LFM2 | LFM
LLaDA
Mamba | | mamba | c
Mamba-2 | Mamba
Zamba
RWKV
StripedHyena
# ============================================================ EleutherAI, BigScience, BigCode, open models
GPT-Neo
GPT-J
GPT-NeoX
Pythia
Llemma | | | d=Code Llama
Cerebras-GPT
BLOOM | | | c
BLOOMZ | BLOOM
mT0 | | | d=mT5
Tk-Instruct | | | d=T5
StarCoder
StarCoder2 | StarCoder
SantaCoder
OctoCoder | | | d=StarCoder
CodeGen
CodeGen2 | CodeGen
CodeGen2.5 | CodeGen
CodeT5 | | | d=T5
InCoder
PolyCoder
Magicoder | | | d=Code Llama
OpenCoder
XGen
BLIP
BLIP-2 | BLIP
InstructBLIP | BLIP
BLIP-3 | BLIP | xGen-MM
RedPajama-INCITE
OpenLLaMA | | | d=Llama
TinyLlama | | | d=Llama 2
OLMo
OLMo 2 | OLMo
OLMo 3 | OLMo
OLMoE | OLMo
Molmo
Tülu | | Tulu | d=Llama
Tülu 2 | Tülu
Tülu 3 | Tülu
SmolLM
SmolLM2 | SmolLM
SmolLM3 | SmolLM
SmolVLM | SmolLM
IDEFICS | | Idefics
Idefics2 | IDEFICS
Idefics3 | IDEFICS
Zephyr | | zephyr | c, d=Mistral
OpenChat | | | d=Mistral
Starling | | Starling-LM, starling-lm | c, d=OpenChat
Hermes | | Nous Hermes, Nous-Hermes | c, d=Llama
Vicuna | | vicuna | c, d=Llama
Alpaca | | Stanford Alpaca | c, d=Llama
Koala | | | c, d=Llama
Guanaco | | | c, d=Llama
Platypus | | | c, d=Llama 2
Xwin-LM | | | d=Llama 2
MetaMath | | | d=Llama 2
Gorilla | | | c, d=Llama
ToolLLaMA | | | d=Llama 2
Sky-T1 | | | d=Qwen2.5
OpenThinker | | | d=Qwen2.5
Bespoke-Stratos | | | d=Qwen2.5
DeepScaleR | | | d=DeepSeek-R1-Distill-Qwen
Meditron | | | d=Llama 2
PMC-LLaMA | | | d=Llama
OpenVLA | | | d=Llama 2
Octo | | | c
pi0 | | pi-zero
pi0.5 | pi0
LLaVA | | | d=Vicuna
LLaVA-1.5 | LLaVA
LLaVA-NeXT | LLaVA | LLaVA-1.6
LLaVA-OneVision | LLaVA
LLaVA-Video | LLaVA
LLaVA-CoT | LLaVA | LLaVA-o1
Video-LLaVA
VideoLLaMA
Video-ChatGPT
MiniGPT-4 | | | d=Vicuna
MiniGPT-v2 | MiniGPT-4
OpenFlamingo
Fuyu
Cambrian-1
ColPali | | | d=PaliGemma
MedSAM | | | d=Segment Anything Model
Grounding DINO
GLIP
Depth Anything
Depth Anything V2 | Depth Anything
MiDaS | | | c
Unified-IO
Perceiver
Perceiver IO | Perceiver
# ============================================================ encoders and seq2seq
BERT | | Bidirectional Encoder Representations from Transformers | c
mBERT | BERT | Multilingual BERT
RoBERTa
XLM-R | | XLM-RoBERTa
XLM
ALBERT | | albert | c
DistilBERT | | | d=BERT
DistilRoBERTa | | | d=RoBERTa
TinyBERT | | | d=BERT
MobileBERT
SpanBERT
ELECTRA | | electra | c
XLNet
ModernBERT
SciBERT
BioBERT | | | d=BERT
ClinicalBERT | | | d=BioBERT
PubMedBERT | | BiomedBERT
FinBERT | | | d=BERT
LegalBERT
BERTweet | | | d=RoBERTa
CamemBERT | | | c
FlauBERT
Sentence-BERT | | SBERT | d=BERT
MPNet
LUKE | | | c
Longformer
BigBird
ELMo
BART | | bart | c
mBART | BART
PEGASUS | | Pegasus, pegasus | c
BGE | | BAAI General Embedding
BGE-M3 | BGE
GTE | | gte | c
Contriever
ChemBERTa
ALBEF
ViLBERT
LXMERT
VisualBERT
UNITER
SimVLM
# ============================================================ vision backbones, detection, segmentation
AlexNet
LeNet
VGG | | VGGNet | c
GoogLeNet | | Inception-v1
Inception-v3 | GoogLeNet | InceptionV3
Inception-v4 | GoogLeNet | InceptionV4
Inception-ResNet-v2 | GoogLeNet
Xception
ResNet
Wide ResNet | ResNet | WRN, WideResNet
ResNeXt
DenseNet
MobileNet
MobileNetV2 | MobileNet
MobileNetV3 | MobileNet
MobileNetV4 | MobileNet
ShuffleNet
ShuffleNetV2 | ShuffleNet
SqueezeNet
EfficientNet
EfficientNetV2 | EfficientNet
EfficientDet
NASNet
AmoebaNet
MnasNet
HRNet
CoAtNet
ViT | | Vision Transformer | c
ViT-B | ViT
ViT-L | ViT
ViT-H | ViT
ViT-G | ViT
CaiT
EVA-CLIP
OpenCLIP
MetaCLIP
R-CNN
Fast R-CNN | R-CNN
Faster R-CNN | R-CNN
Mask R-CNN | R-CNN
RetinaNet
YOLO | | | c
YOLOv2 | YOLO
YOLOv3 | YOLO
YOLOv4 | YOLO
YOLOv5 | YOLO
YOLOv7 | YOLO
YOLOv8 | YOLO
YOLOv9 | YOLO
YOLOv10 | YOLO
YOLO11 | YOLO | YOLOv11
YOLOv12 | YOLO
YOLOX | YOLO
YOLO-World | YOLO
U-Net | | UNet
nnU-Net
SegFormer
SegNet
DeepLab
DeepLabv3 | DeepLab
PSPNet
FaceNet
OpenPose
CheXNet
RETFound
SwinIR
Restormer
SRGAN
ESRGAN
Real-ESRGAN | ESRGAN
EDSR
DnCNN
BigGAN
GigaGAN
# ============================================================ speech
CosyVoice
F5-TTS
Moshi | | | c
SALMONN
FastSpeech
FastSpeech 2 | FastSpeech
VITS | | | c
HiFi-GAN
DeepSpeech | | Deep Speech | c
AudioLDM
# ============================================================ science
RoseTTAFold
RoseTTAFold All-Atom | RoseTTAFold
ProtTrans
ProtBERT | ProtTrans
ProtT5 | ProtTrans
ProGen
ProGen2 | ProGen
ProtGPT2
ProteinMPNN
RFdiffusion
DiffDock
Chai-1
Boltz
DNABERT
Nucleotide Transformer
HyenaDNA
Evo | | | c
Evo 2 | Evo
GenSLM
scGPT
Geneformer
scBERT
MSA Transformer
SaProt
xTrimoPGLM
OmegaFold
UniRep
Uni-Mol
MatterGen
ClimaX | | | c
Moirai
TimeGPT
Lag-Llama
BioMedLM
# ============================================================ second batch: 2024-2025 names and older classics
ArmoRM | | | d=Llama 3
Prometheus | | | c, d=Mistral
JudgeLM
PandaLM
UltraRM
Eurus
WildGuard | | | d=Mistral
MAmmoTH | | | d=Llama 2
ToRA | | | d=Llama 2
Goedel-Prover
LearnLM | Gemini
Gemini Diffusion | Gemini
MiMo | | | c
Hailuo | MiniMax
ColQwen | | | d=Qwen2-VL
SenseVoice
H2O-Danube
JetMoE
OpenMoE
ST-MoE
Smaug | | | c
BioMistral | | | d=Mistral
Med-Flamingo
RadFM
CheXagent
Virchow | | | c
Prov-GigaPath
CONCH | | | c
GatorTron
BlueBERT | | | d=BERT
SapBERT | | | d=BERT
LinkBERT
BioLinkBERT | LinkBERT
MacBERT
StructBERT
MolT5 | | | d=T5
ProstT5 | | | d=ProtT5
LigandMPNN
EvoDiff
Enformer
AlphaGenome
scFoundation
FuXi | | | c
CHGNet
MatterSim
Time-MoE
AIMv2
Hiera | | | c
EfficientViT
MobileViT
FastViT
VMamba
MambaVision
EfficientSAM | | | d=Segment Anything Model
MobileSAM | | | d=Segment Anything Model
FastSAM
OneFormer
SegGPT
Marigold | | | c
DUSt3R
MASt3R
VGGT
Zero-1-to-3 | | Zero123
TRELLIS | | | c
InstantMesh
Wonder3D
InstructPix2Pix
OmniGen
I2VGen-XL
MAGVIT
TiTok
LlamaGen
CTRL | | | c
REALM | | | c
VL-BERT
VinVL
FLAVA | | | c
MarianMT | | Marian NMT
OPUS-MT
QuartzNet
wav2letter
WaveGlow
WaveRNN
MelGAN
Glow-TTS
Grad-TTS
YourTTS
NaturalSpeech
AudioPaLM | PaLM
SpeechGPT
"""

# Picked from Epoch AI's "Notable AI Models": label | variant_of | aliases | flags | epoch row
EPOCH = r"""
Neocognitron | | | | Neocognitron
NETtalk | | NetTalk | | NetTalk (transcription)
ALVINN | | | | ALVINN
TD-Gammon | | | | TD-Gammon
Deep Blue | | | c | Deep Blue
Libratus | | | | Libratus
Pluribus | | | | Pluribus
DeepStack | | | | DeepStack
Agent57 | | | | Agent57
EfficientZero | | | | EfficientZero
KataGo | | | | KataGo
OverFeat | | | | OverFeat
DeViSE | | | c | DeViSE
GNMT | | Google Neural Machine Translation | | GNMT
BiDAF | | | | BIDAF
PNASNet | | | | PNASNet-5
PyramidNet | | | | PyramidNet
StarGAN | | | | StarGAN v2
PointNet | | | | PointNet
Detic | | | | Detic
DeepFace | | | | DeepFace
VGG-Face | | VGGFace | | VGG-Face
InternImage | | | | InternImage
Megatron-BERT | Megatron-LM | | | Megatron-BERT
Polyglot-Ko | | | | Polyglot-Ko-12.8B
BTLM | | | | BTLM-3B
INTELLECT | | | c | INTELLECT-1
OmniHuman | | | | OmniHuman-1
GPT-SW3 | | | | GPT-SW3
ALLaM | | | | ALLaM 7B
Fugaku-LLM | | | | Fugaku-LLM
PLaMo | | | | PLaMo-13B
YandexGPT | | | | YandexGPT 3
Palmyra | | | c | Palmyra Large 20B
Prithvi | | | c | Prithvi-100M
MetNet | | | | MetNet
M3GNet | | | | M3GNet
MoLFormer | | | | MoLFormer-XL
MegaMolBART | | | | MegaMolBART
ProteinBERT | | | | ProteinBERT
SeqVec | | | | SeqVec
cryoDRGN | | CryoDRGN | | CryoDRGN
DeepFRI | | | | DeepFRI
life2vec | | | | life2vec
Tranception | | | | Tranception
ProtST | | Protst | | Protst
DNCON2 | | | | DNCON2
EVA-02 | | | | EVA-CLIP (EVA-02-CLIP-E/14+)
VideoMAE V2 | | VideoMAEv2 | | VideoMAE V2
ONE-PEACE | | | | ONE-PEACE
UnifiedQA | | | d=T5 | UnifiedQA
KoGPT | | | | KoGPT
AraGPT2 | | | | AraGPT2-Mega
GBERT | | | d=BERT | GBERT-Large
CPM-2 | | | | CPM-2
YaLM | | | | YaLM
Xiaoice | | XiaoIce | | Xiaoice
BloombergGPT | | | | BloombergGPT
FinGPT | | | | FinGPT-13B
TigerBot | | | | TigerBot-70B
Nanbeige | | | | Nanbeige-16B
tsuzumi | | | c | tsuzumi 7B
NV-Embed-v2 | NV-Embed | | | NV-Embed-v2
GRIT-LM | | GritLM | d=Mistral | GRITLM 7B
xLAM | | | | xLAM-8x22B
MathGPT | | | | MathGPT
Genie 2 | | | | Genie 2
RoboCat | | | | RoboCat
Fuyu-Heavy | Fuyu | | | Fuyu-Heavy
CodeFuse | | | | CodeFuse-13B
TimeGPT-1 | TimeGPT | | | TimeGPT-1
HelixFold | | | | HelixFold
HelixFold3 | HelixFold | | | HelixFold3
BindCraft | | | | BindCraft
Precious3GPT | | | | Precious3GPT
Nemotron-3 | Nemotron | | | Nemotron-3-8B
OmniParser | | | | OmniParser: Interactable Region Detection Model
BiomedGPT | | | | BiomedGPT (182M)
"""


def parse(block: str, source: str, with_row: bool) -> list[tuple[dict, str | None]]:
    out = []
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        row = fields.pop() if with_row else None
        fields += [""] * (4 - len(fields))
        label, parent, aliases, flags = fields[:4]
        entry: dict = {"label": label}
        names = [a.strip() for a in aliases.split(",") if a.strip()] if aliases else []
        if names:
            entry["aliases"] = names
        if parent:
            entry["variant_of"] = parent
        for flag in (f.strip() for f in flags.split(",") if f.strip()):
            if flag == "c":
                entry["cased"] = True
            elif flag.startswith("d="):
                entry["derived_from"] = flag[2:]
            else:
                raise SystemExit(f"unknown flag {flag!r} in: {line}")
        entry["source"] = source
        out.append((entry, row))
    return out


def check(entries: list[dict], epoch_rows: dict[str, dict] | None, picks) -> list[str]:
    problems = []
    by_label = {e["label"]: e for e in entries}
    ids: dict[str, str] = {}
    keys: dict[str, str] = {}
    for e in entries:
        i = slug(e["label"])
        if i in ids:
            problems.append(f"duplicate id {i}: {ids[i]} / {e['label']}")
        ids[i] = e["label"]
        for n in [e["label"], *e.get("aliases", [])]:
            k = name_key(n)
            if len(k) < 2 or k.replace(".", "").isdigit():
                problems.append(f"{e['label']}: name {n!r} has a key too short to be safe ({k!r})")
            if k in keys and keys[k] != e["label"]:
                problems.append(f"key {k!r} of {n!r} ({e['label']}) already names {keys[k]}")
            keys.setdefault(k, e["label"])
        for attr in ("variant_of", "derived_from"):
            if e.get(attr) and e[attr] not in by_label:
                problems.append(f"{e['label']}: {attr} {e[attr]!r} is not a label")
        seen, cur = set(), e
        while cur.get("variant_of"):
            if cur["label"] in seen:
                problems.append(f"{e['label']}: variant_of cycle")
                break
            seen.add(cur["label"])
            cur = by_label.get(cur["variant_of"], {})
    if epoch_rows is not None:
        for entry, row in picks:
            if name_key(row) not in epoch_rows:
                problems.append(f"epoch pick {entry['label']}: no Epoch row {row!r}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epoch", default=str(ROOT.parent / "shared/external/gazetteers/epoch_models.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "kg/data/models.jsonl"))
    ap.add_argument("--check", action="store_true", help="only check, do not write")
    args = ap.parse_args()

    team = parse(TEAM, "team", with_row=False)
    picks = parse(EPOCH, "epoch", with_row=True)
    entries = [e for e, _ in team] + [e for e, _ in picks]
    epoch_rows = None
    if Path(args.epoch).exists():
        epoch_rows = {}
        for line in Path(args.epoch).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                epoch_rows[name_key(row["model"])] = row
    problems = check(entries, epoch_rows, picks)
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems:
        return 1
    families = sum(1 for e in entries if not e.get("variant_of"))
    print(f"{len(entries)} models ({len(team)} team, {len(picks)} epoch), {families} families", file=sys.stderr)
    if args.check:
        return 0
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("// Model catalogue: built by scripts/derive_models.py (edit the lists there).\n")
        fh.write("// source team: written by the mlkg team; source epoch: Epoch AI, \"Notable AI Models\" (CC-BY-4.0).\n")
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
