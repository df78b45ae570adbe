"""Derive ``kg/data/techniques.jsonl``: the technique catalogue.

Two sources:

* ``TEAM``: techniques written by the team from general knowledge of the field
  (papers, documentation), one per line: ``label | alias; alias | flags``.
  Flag ``c`` marks a ``cased`` entry (a name that is also an ordinary word or
  another thing's acronym in lower case: ``ZeRO``, ``RoPE``, ``DARE``).
* ``PWC``: a hand-picked selection of the Papers with Code methods list
  (``../shared/external/gazetteers/pwc_methods.jsonl``, CC-BY-SA-4.0, June
  2022), chosen for specific, well-known methods; models, generic components
  ("Convolution", "Softmax", "Linear Layer") and ambiguous acronyms are left
  out.  Those entries carry ``"source": "pwc"``.

Names are compared by ``kg.catalogue.name_key`` (case, spaces, hyphens and
punctuation ignored), so only genuinely different spellings are listed.  The
script adds British spellings (-isation, -ising, modelling) and, for cased
entries, the usual capitalisations of multi-word names (a cased entry matches
only the written forms).  It refuses a name whose key is already used by
another technique, by ``generic.txt``, or (with a warning, the name is dropped)
by another catalogue file.

Usage: ``python scripts/derive_techniques.py [--gazetteer PATH] [--out PATH]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.catalogue import cased_key, name_key, read_file, read_word_list, slug  # noqa: E402

DATA = ROOT / "kg" / "data"
GAZETTEER = ROOT.parent / "shared" / "external" / "gazetteers" / "pwc_methods.jsonl"

# ---------------------------------------------------------------------------
# Team entries: label | aliases (;-separated) | flags (c = cased)
# ---------------------------------------------------------------------------
TEAM = r"""
# --- parameter-efficient fine-tuning
LoRA | Low-Rank Adaptation; low-rank adapters; low-rank adapter; LoRAs; LoRA adapters; LoRA adapter | c
QLoRA | quantized LoRA; quantized low-rank adaptation
DoRA | Weight-Decomposed Low-Rank Adaptation
AdaLoRA | adaptive LoRA; adaptive low-rank adaptation
VeRA | Vector-based Random Matrix Adaptation | c
PiSSA | Principal Singular values and Singular vectors Adaptation
LoftQ | LoRA-Fine-Tuning-aware Quantization
rsLoRA | rank-stabilized LoRA
LoRA+ | | id=lora-plus
LongLoRA
ReLoRA
GaLore | Gradient Low-Rank Projection | c
ReFT | representation fine-tuning; representation finetuning
PEFT | parameter-efficient fine-tuning; parameter efficient fine-tuning; parameter-efficient tuning; parameter-efficient finetuning
adapters | adapter modules; adapter module; adapter layers; adapter tuning; adapter-tuning; bottleneck adapters
prompt tuning | prompt-tuning; soft prompt tuning; soft prompts; soft prompt
prefix tuning | prefix-tuning
P-tuning | P-tuning v2
BitFit
IA3 | (IA)3; (IA)^3; Infused Adapter by Inhibiting and Amplifying Inner Activations
orthogonal fine-tuning | orthogonal finetuning
CoOp | Context Optimization | c
CoCoOp | Conditional Context Optimization
visual prompt tuning
# --- instruction tuning, SFT and data methods
SFT | supervised fine-tuning; supervised finetuning; supervised fine tuning
instruction tuning | instruction fine-tuning; instruction finetuning; instruction-based fine-tuning
visual instruction tuning
continual pre-training | continued pre-training; continual pretraining; continued pretraining
Self-Instruct
Evol-Instruct
instruction back-translation | instruction backtranslation
rejection sampling
rejection sampling fine-tuning
expert iteration
STaR | Self-Taught Reasoner | c
Quiet-STaR | c
Reinforced Self-Training | ReST-EM; ReST^EM
SPIN | Self-Play fine-tuning; self-play fine-tuning | c
context distillation
knowledge distillation | KD; distillation; knowledge-distillation | c
self-distillation | self distillation
on-policy distillation
dataset distillation
back-translation | back translation
distant supervision
pseudo-labeling | pseudo-labelling; pseudo labeling; pseudo-labels; pseudo-label
self-training | self training
co-training
mean teacher
curriculum learning
MinHash
# --- preference optimisation and RLHF
RLHF | reinforcement learning from human feedback; RL from human feedback; reinforcement learning with human feedback
RLAIF | reinforcement learning from AI feedback; RL from AI feedback
RLVR | reinforcement learning with verifiable rewards; reinforcement learning from verifiable rewards; RL with verifiable rewards; reinforcement learning with verifiable reward
Constitutional AI
DPO | Direct Preference Optimization
IPO | Identity Preference Optimization; Identity Preference Optimisation | c
KTO | Kahneman-Tversky Optimization
ORPO | Odds Ratio Preference Optimization
SimPO | Simple Preference Optimization
CPO | Contrastive Preference Optimization | c
SPPO | Self-Play Preference Optimization
NPO | Negative Preference Optimization
RRHF | Rank Responses to align Human Feedback
SLiC-HF | SLiC; Sequence Likelihood Calibration | c
Nash learning from human feedback | NLHF
SteerLM
PPO | Proximal Policy Optimization
GRPO | Group Relative Policy Optimization
Dr. GRPO | GRPO Done Right
DAPO | Decoupled Clip and Dynamic sAmpling Policy Optimization
VAPO | Value-based Augmented Proximal Policy Optimization; Value-model-based Augmented Proximal Policy Optimization
GSPO | Group Sequence Policy Optimization
CISPO | Clipped IS-weight Policy Optimization
clip-higher
Self-Correction via Reinforcement Learning | self-correction via RL
RLOO | REINFORCE Leave-One-Out
REINFORCE++ | | id=reinforce-plus-plus
ReMax
DDPO | denoising diffusion policy optimization
Diffusion-DPO
Safe RLHF
self-rewarding | Self-Rewarding Language Models; self-rewarding language model
VinePPO
TTRL | test-time reinforcement learning; test-time RL
reinforcement fine-tuning
Bradley-Terry model | Bradley-Terry; Bradley-Terry reward model
process reward model | PRM; PRMs; process reward models; process-supervised reward model; process-supervised reward models
outcome reward model | ORM; ORMs; outcome reward models | c
process supervision
LLM-as-a-judge | LLM-as-judge; LLM-as-a-judge approach; LLMs-as-judges; LLM-as-a-Judge framework; LLM judges; LLM judge
deliberative alignment
reward shaping | potential-based reward shaping
# --- reasoning and prompting
chain-of-thought | CoT; chain-of-thought prompting; chain-of-thought reasoning; CoT prompting; CoT reasoning; chains of thought; chain-of-thoughts
zero-shot CoT | zero-shot chain-of-thought; zero-shot-CoT
Auto-CoT | automatic chain-of-thought
self-consistency | CoT-SC; self-consistency decoding
tree-of-thoughts | ToT; tree of thought | c
graph-of-thoughts | GoT; graph of thought | c
program-of-thoughts | PoT; program of thought; program-of-thought prompting | c
PAL | program-aided language models; program-aided language model; program-aided LMs | c
chain-of-code
least-to-most prompting | least-to-most
self-ask
step-back prompting
plan-and-solve prompting | plan-and-solve
chain-of-verification | CoVe | c
skeleton-of-thought
chain-of-draft
Coconut | Chain of Continuous Thought | c
few-shot prompting | few-shot prompts
zero-shot prompting
in-context learning | ICL; in context learning
ReAct | c
ReWOO | Reasoning WithOut Observation
Reflexion
Self-Refine | Self-refine | c
Self-Discover
Buffer of Thoughts
analogical prompting
Set-of-Mark prompting | SoM; SoM prompting; Set-of-Mark | c
CodeAct
LATS | Language Agent Tree Search | c
tool-integrated reasoning
multi-agent debate
Mixture-of-Agents
OPRO | Optimization by PROmpting
Automatic Prompt Engineer
TextGrad
budget forcing
Best-of-N | best-of-n sampling; BoN; BoN sampling; best-of-N decoding | c
majority voting | majority vote; majority-vote
MCTS | Monte Carlo Tree Search; Monte Carlo tree search (MCTS); Monte-Carlo Tree Search
beam search
greedy decoding
nucleus sampling | top-p sampling
top-k sampling
min-p sampling
contrastive decoding
contrastive search
DoLa | Decoding by Contrasting Layers | c
constrained decoding | grammar-constrained decoding
test-time training | TTT
# --- retrieval
RAG | retrieval-augmented generation; retrieval augmented generation; retrieval-augmented; retrieval augmentation
Self-RAG
corrective retrieval augmented generation | Corrective RAG
GraphRAG | Graph RAG
LightRAG
HippoRAG
RAPTOR | c
FLARE | Forward-Looking Active REtrieval augmented generation | c
IRCoT
REPLUG
HyDE | Hypothetical Document Embeddings
Fusion-in-Decoder
kNN-LM
DPR | dense passage retrieval; Dense Passage Retriever
ColBERT
ColBERTv2 | ColBERT-v2
SPLADE
BM25 | Okapi BM25
TF-IDF | term frequency-inverse document frequency; tf.idf
reciprocal rank fusion | RRF
HNSW | Hierarchical Navigable Small World; hierarchical navigable small world graphs
product quantization
locality-sensitive hashing | locality sensitive hashing; LSH
maximal marginal relevance
# --- model merging
model merging | model merge; merging models; weight merging
task arithmetic | task vectors; task vector
TIES-Merging | TIES; TIES merging | c
DARE | Drop And REscale | c
model soups | model soup
SLERP | spherical linear interpolation
Fisher merging
RegMean
AdaMerging
WiSE-FT
# --- architectures
Transformer | Transformers; Transformer architecture; Transformer architectures
self-attention | self attention; self-attention mechanism; self-attention layers
cross-attention | cross attention
multi-head attention | MHA; multi-head self-attention; MHSA; multi-headed attention
grouped-query attention | grouped query attention
multi-query attention | MQA | c
multi-head latent attention | MLA | c
sliding window attention | sliding-window attention
sparse attention
linear attention
native sparse attention
MoBA | Mixture of Block Attention
Lightning Attention | c
Infini-attention
differential attention | Differential Transformer; DIFF Transformer
Gated Linear Attention | GLA
DeltaNet | Gated DeltaNet
MoE | mixture-of-experts; mixture of experts; MoEs; sparse mixture-of-experts; sparse MoE; mixture-of-experts (MoE)
expert choice routing
auxiliary-loss-free load balancing
sparse upcycling | upcycling
depth up-scaling
Mixture-of-Depths
LSTM | long short-term memory; LSTMs; long short term memory
BiLSTM | bidirectional LSTM; Bi-LSTM; BiLSTMs; bidirectional long short-term memory
GRU | gated recurrent unit; GRUs; gated recurrent units
xLSTM
state space models | SSM; SSMs; state-space models; state space model; state-space model; structured state space models
S4 | structured state space sequence model; Structured State Space | c
KAN | Kolmogorov-Arnold Networks; Kolmogorov-Arnold Network; KANs
Hopfield networks | Hopfield network; modern Hopfield networks
echo state network | echo state networks; reservoir computing
capsule networks | capsule network; CapsNet
Neural ODE | neural ordinary differential equations; Neural ODEs
PINN | physics-informed neural networks; physics-informed neural network; PINNs
Fourier Neural Operator | FNO
DeepONet
Decision Transformer
Perceiver Resampler
AnyRes
HiPPO | c
linear recurrent unit
RevIN | reversible instance normalization
Q-Former | Querying Transformer
residual connections | residual connection; skip connections; skip connection; shortcut connections
RMSNorm | root mean square layer normalization; RMS normalization
layer normalization | LayerNorm; layer norm
batch normalization | BatchNorm; batch norm; batch-normalization
group normalization | GroupNorm
QK-Norm | QK normalization; query-key normalization
DeepNorm
muP | maximal update parametrization; maximal update parameterization; muTransfer; μP; μTransfer | c
GLU | gated linear unit; gated linear units
SwiGLU
GeGLU
GELU | Gaussian Error Linear Unit; GELUs
ReLU | rectified linear unit; rectified linear units; ReLUs
SiLU | sigmoid linear unit
dropout
FlashAttention | Flash Attention; FlashAttention-1
FlashAttention-2 | Flash Attention 2
FlashAttention-3 | Flash Attention 3
Flash-Decoding | FlashDecoding
PagedAttention | paged attention
KV cache | key-value cache; KV caching; KV-cache; key-value caching; KV caches
KV cache compression
prefix caching
continuous batching
chunked prefill
RadixAttention
sequence packing
Ring Attention | RingAttention
# --- positional encodings and long context
RoPE | rotary position embedding; rotary position embeddings; rotary positional embedding; rotary positional embeddings; rotary embeddings; rotary positional encoding; rotary position encoding | c
M-RoPE | multimodal rotary position embedding | c
ALiBi | Attention with Linear Biases | c
NoPE | no positional encoding; no positional encodings | c
xPos
sinusoidal positional encoding | sinusoidal positional encodings; sinusoidal position embeddings; sinusoidal position encoding
YaRN | c
position interpolation | positional interpolation
NTK-aware scaling | NTK-aware interpolation; NTK-aware RoPE scaling; NTK-aware scaled RoPE
LongRoPE
Dual Chunk Attention
StreamingLLM
MInference
DuoAttention
LLMLingua
# --- efficient inference and compression
speculative decoding | speculative sampling; speculative inference
self-speculative decoding
Medusa | c
EAGLE | c
lookahead decoding
multi-token prediction | MTP | c
early exit | early exiting; early-exit
token merging | ToMe | c
token pruning
FastV
H2O | Heavy-Hitter Oracle | c
SnapKV
PyramidKV
KIVI
quantization | model quantization; weight quantization; network quantization
post-training quantization | PTQ
quantization-aware training | QAT
GPTQ
AWQ | Activation-aware Weight Quantization
SmoothQuant
LLM.int8() | LLM.int8
ZeroQuant
QuIP | QuIP# | c
SpQR
OmniQuant
QuaRot
SpinQuant
vector quantization | VQ | c
residual vector quantization | RVQ
finite scalar quantization | FSQ | c
lookup-free quantization | LFQ
pruning | network pruning; model pruning; weight pruning; neural network pruning
magnitude pruning
iterative magnitude pruning
structured pruning
unstructured pruning
N:M sparsity | 2:4 sparsity; semi-structured sparsity
SparseGPT
Wanda | c
LLM-Pruner
SliceGPT
# --- distributed and efficient training
ZeRO | Zero Redundancy Optimizer | c
FSDP | Fully Sharded Data Parallel; fully sharded data parallelism
data parallelism | data parallel training; data-parallel training
tensor parallelism | tensor model parallelism; tensor parallel
pipeline parallelism | pipeline parallel
model parallelism
sequence parallelism
context parallelism
expert parallelism
DualPipe
gradient checkpointing | activation checkpointing; activation recomputation
gradient accumulation
mixed precision training | mixed-precision training; mixed precision; automatic mixed precision
DiLoCo
DP-SGD | differentially private stochastic gradient descent; differentially private SGD
FedAvg | Federated Averaging
FedProx
SCAFFOLD | c
# --- optimisers and schedules
Adam | Adam optimizer | c
AdamW | Adam with decoupled weight decay
SGD | stochastic gradient descent
Adafactor
Lion | Lion optimizer; EvoLved Sign Momentum | c
Muon | Muon optimizer | c
MuonClip
Sophia | Sophia optimizer | c
Shampoo | c
K-FAC | Kronecker-factored approximate curvature; KFAC
L-BFGS | LBFGS
Adam-mini
AdEMAMix
DoReMi
schedule-free optimization | Schedule-Free AdamW; schedule-free | c
warmup-stable-decay | warmup-stable-decay schedule; WSD schedule; WSD learning rate schedule
learning rate warmup | warmup schedule
layer-wise learning rate decay | layer-wise learning-rate decay
gradual unfreezing
cosine learning rate schedule | cosine decay; cosine schedule; cosine learning rate decay
sharpness-aware minimization
stochastic weight averaging
empirical risk minimization | ERM | c
distributionally robust optimization
Group DRO | GroupDRO
invariant risk minimization | IRM | c
# --- representation and self-supervised learning
contrastive learning
self-supervised learning | self-supervised pre-training; self-supervised pretraining
supervised contrastive learning | SupCon
SimCLR
MoCo | Momentum Contrast
BYOL | Bootstrap Your Own Latent
SwAV
Barlow Twins
VICReg | Variance-Invariance-Covariance Regularization
SimSiam
JEPA | Joint-Embedding Predictive Architecture; Joint Embedding Predictive Architecture; JEPAs
masked autoencoders | masked autoencoder; masked autoencoding
masked image modeling | MIM; masked image modelling | c
instance discrimination
hard negative mining | hard negatives mining
negative sampling
noise contrastive estimation | noise-contrastive estimation; NCE | c
Matryoshka Representation Learning | Matryoshka embeddings; Matryoshka representations | c
# --- language-model objectives and tokenisation
MLM | masked language modeling; masked language model objective; masked LM
causal language modeling | causal LM objective; autoregressive language modeling
next-token prediction | next token prediction; next-token-prediction objective
next sentence prediction | NSP
replaced token detection | RTD
permutation language modeling
span corruption
whole word masking
fill-in-the-middle
mixture-of-denoisers
next-scale prediction
teacher forcing
scheduled sampling
BPE | byte-pair encoding; byte pair encoding; byte-level BPE
SentencePiece
WordPiece
word2vec | Word2Vec; word2vec embeddings
skip-gram | skip-gram model; skipgram
CBOW | continuous bag-of-words; continuous bag of words
GloVe | GloVe embeddings | c
fastText | c
doc2vec | paragraph vectors
pointer-generator network | pointer-generator; pointer-generator networks
copy mechanism
CTC | connectionist temporal classification; CTC loss
RNN-T | RNN transducer; recurrent neural network transducer
SpecAugment
# --- generative models
GAN | generative adversarial network; generative adversarial networks; GANs; generative adversarial nets
conditional GAN | cGAN; conditional GANs; conditional generative adversarial network
VAE | variational autoencoder; variational autoencoders; VAEs; variational auto-encoder
VQ-VAE | vector-quantized variational autoencoder; VQ-VAEs
DDPM | denoising diffusion probabilistic models; denoising diffusion probabilistic model; DDPMs
DDIM | denoising diffusion implicit models; denoising diffusion implicit model
DDIM inversion
latent diffusion | latent diffusion models; latent diffusion model; LDM; LDMs
classifier-free guidance | classifier free guidance
classifier guidance
score matching
score distillation sampling | SDS | c
variational score distillation
DPM-Solver
flow matching | conditional flow matching
rectified flow | rectified flows; reflow
stochastic interpolants
progressive distillation
adversarial diffusion distillation
v-prediction
consistency models | consistency model; consistency distillation
distribution matching distillation
MeanFlow | c
autoguidance
diffusion forcing
Self Forcing
GFlowNets | GFlowNet; generative flow networks; generative flow network
REPA | c
DreamBooth
textual inversion
ControlNet | ControlNets
IP-Adapter
T2I-Adapter
SDEdit
Prompt-to-Prompt
null-text inversion
NeRF | neural radiance fields; neural radiance field; NeRFs
3D Gaussian Splatting | 3DGS; Gaussian Splatting; 3D-GS; 3D Gaussians
marching cubes
structure-from-motion | SfM | c
bundle adjustment
Dijkstra's algorithm | Dijkstra algorithm
RRT | rapidly-exploring random tree; rapidly-exploring random trees | c
RANSAC | random sample consensus
ICP | iterative closest point | c
SIFT | scale-invariant feature transform | c
diffusion policy | diffusion policies
action chunking
# --- reinforcement learning
Q-learning | Q learning
DQN | deep Q-network; deep Q-networks; deep Q-learning; DQNs
Dueling DQN | dueling network; dueling networks; dueling architecture
Rainbow DQN
A2C | advantage actor-critic
A3C | asynchronous advantage actor-critic
SAC | soft actor-critic | c
TD3 | Twin Delayed Deep Deterministic policy gradient; Twin Delayed DDPG
DDPG | deep deterministic policy gradient
TRPO | trust region policy optimization
REINFORCE | c
actor-critic | actor critic; actor-critic methods
policy gradient | policy gradients; policy gradient methods; policy-gradient
generalized advantage estimation
temporal difference learning | TD learning; temporal-difference learning
SARSA
CQL | conservative Q-learning
IQL | implicit Q-learning
BCQ | batch-constrained Q-learning
AWR | advantage-weighted regression
behavior cloning | behavioral cloning; behaviour cloning; behavioural cloning
DAgger | Dataset Aggregation | c
GAIL | generative adversarial imitation learning
hindsight experience replay | HER | c
prioritized experience replay
experience replay | replay buffer
random network distillation | RND
intrinsic curiosity module
epsilon-greedy | ε-greedy; epsilon greedy exploration
Thompson sampling
UCB | upper confidence bound; upper confidence bounds | c
UCT | upper confidence bounds applied to trees | c
self-play
MADDPG
QMIX
MAPPO | multi-agent PPO
value decomposition networks | VDN
centralized training with decentralized execution | CTDE
domain randomization
model predictive control
MPPI | model predictive path integral
cross-entropy method | CEM | c
CMA-ES | covariance matrix adaptation evolution strategy
evolution strategies
# --- continual learning
EWC | elastic weight consolidation
LwF | learning without forgetting
gradient episodic memory
A-GEM | averaged gradient episodic memory
reservoir sampling
iCaRL
generative replay
synaptic intelligence
# --- regularisation, augmentation, losses
label smoothing
mixup | c
CutMix
Cutout | c
RandAugment
AutoAugment
AugMix
random erasing
adversarial training
PGD attack | projected gradient descent attack
FGSM | fast gradient sign method
GCG | greedy coordinate gradient
randomized smoothing
focal loss
triplet loss
InfoNCE | InfoNCE loss
# --- interpretability, editing, steering
SHAP | SHapley Additive exPlanations
LIME | Local Interpretable Model-agnostic Explanations | c
Integrated Gradients
Grad-CAM | gradient-weighted class activation mapping
attention rollout
activation patching
attribution patching
path patching
causal tracing
logit lens
tuned lens
sparse autoencoders | sparse autoencoder; SAE; SAEs | c
transcoders
crosscoders
attribution graphs
linear probing | linear probe; linear probes
TCAV | testing with concept activation vectors
influence functions
activation steering | steering vectors; steering vector
representation engineering | RepE
contrastive activation addition
abliteration
RMU | representation misdirection for unlearning | c
ITI | inference-time intervention | c
ROME | Rank-One Model Editing | c
MEMIT | Mass-Editing Memory in a Transformer
# --- calibration, uncertainty, probabilistic and classical methods
temperature scaling
Laplace approximation
evidential deep learning
Platt scaling
conformal prediction
Monte Carlo dropout | MC dropout
deep ensembles
Bayesian optimization
Gaussian process | Gaussian processes; GP regression
variational inference
MCMC | Markov chain Monte Carlo
Hamiltonian Monte Carlo | HMC | c
Gibbs sampling
Metropolis-Hastings
Langevin dynamics | SGLD; stochastic gradient Langevin dynamics
importance sampling
EM algorithm | expectation-maximization; expectation maximization
Gumbel-softmax | Gumbel softmax; Concrete distribution
reparameterization trick
straight-through estimator | STE
Kalman filter | Kalman filtering
particle filter | particle filtering
hidden Markov model | HMM; hidden Markov models; HMMs
CRF | conditional random field; conditional random fields; CRFs
Viterbi algorithm | Viterbi decoding; Viterbi
Hungarian algorithm | Hungarian matching
Sinkhorn algorithm | Sinkhorn; Sinkhorn-Knopp
dynamic time warping | DTW
ARIMA
SVM | support vector machine; support vector machines; SVMs
logistic regression
random forest | random forests
gradient boosting | gradient-boosted decision trees; gradient boosted decision trees; GBDT
XGBoost
LightGBM
AdaBoost
naive Bayes
k-nearest neighbors | k-NN; kNN; k-nearest neighbor; k nearest neighbors; k-nearest neighbours
k-means | k-means clustering; K-means
PCA | principal component analysis; principal components analysis
t-SNE | t-distributed stochastic neighbor embedding
UMAP | Uniform Manifold Approximation and Projection
latent Dirichlet allocation
linear discriminant analysis
Gaussian mixture model | GMM; Gaussian mixture models; GMMs
isotonic regression
LASSO | Lasso | c
ridge regression
simulated annealing
genetic algorithm | genetic algorithms
particle swarm optimization | PSO | c
backpropagation through time | BPTT
forward-forward algorithm | Forward-Forward
neural architecture search | NAS | c
SMOTE | Synthetic Minority Over-sampling Technique
# --- graphs and knowledge graphs
GCN | graph convolutional network; graph convolutional networks; GCNs
GAT | graph attention network; graph attention networks; GATs
GraphSAGE
GIN | graph isomorphism network | c
MPNN | message passing neural network; message passing neural networks
node2vec
DeepWalk
TransE
RotatE | c
DistMult
ComplEx | c
label propagation
DANN | domain-adversarial neural network; domain-adversarial neural networks; domain-adversarial training
gradient reversal layer | gradient reversal
entropy minimization
consistency regularization
unsupervised data augmentation
MixMatch
Reptile | c
prototypical networks | prototypical network
matching networks
SimMIM
"""

# ---------------------------------------------------------------------------
# Papers with Code methods kept: short name -> options
#   label: label to use instead of the short name
#   no_short: drop the short name (a generic acronym such as "FA")
#   no_full: drop the full name (wrong or generic)
#   aliases: extra aliases (plurals, common phrasings)
#   cased: cased entry
# ---------------------------------------------------------------------------
PWC = {
    # regularisation and training tricks
    "Weight Decay": {},
    "Attention Dropout": {},
    "Early Stopping": {},
    "Gradient Clipping": {},
    "Stochastic Depth": {},
    "DropPath": {},
    "DropBlock": {},
    "DropConnect": {},
    "SpatialDropout": {},
    "Concrete Dropout": {},
    "Variational Dropout": {},
    "Embedding Dropout": {},
    "Zoneout": {},
    "LayerDrop": {},
    "Entropy Regularization": {},
    "Orthogonal Regularization": {},
    "R1 Regularization": {},
    "Path Length Regularization": {},
    "L1 Regularization": {},
    "Weight Tying": {"aliases": ["tied embeddings"]},
    "Manifold Mixup": {},
    "Fast AutoAugment": {},
    "Truncation Trick": {},
    "TTUR": {},
    "Minibatch Discrimination": {},
    "GAN Feature Matching": {},
    "Polyak Averaging": {},
    # normalisation and initialisation
    "Instance Normalization": {"aliases": ["InstanceNorm"]},
    "Weight Normalization": {"aliases": ["weight norm"]},
    "Spectral Normalization": {"aliases": ["spectral norm"]},
    "Conditional Batch Normalization": {},
    "Adaptive Instance Normalization": {"aliases": ["AdaIN"]},
    "Local Response Normalization": {},
    "Weight Standardization": {},
    "Switchable Normalization": {},
    "Weight Demodulation": {},
    "LayerScale": {},
    "ReZero": {"cased": True},
    "Fixup Initialization": {"aliases": ["Fixup"], "cased": True},
    "Kaiming Initialization": {"aliases": ["He initialization", "Kaiming init"]},
    "Xavier Initialization": {"aliases": ["Glorot initialization"]},
    "LSUV Initialization": {},
    # activation functions
    "Leaky ReLU": {"aliases": ["LeakyReLU"]},
    "PReLU": {},
    "ELU": {"aliases": ["ELUs"]},
    "SELU": {},
    "Swish": {"cased": True},
    "Mish": {"cased": True},
    "Softplus": {},
    "Hard Swish": {"aliases": ["h-swish"]},
    "Maxout": {},
    "Squared ReLU": {},
    "ReGLU": {},
    "CReLU": {},
    "Sparsemax": {},
    # optimisers and learning-rate schedules
    "SGD with Momentum": {"aliases": ["momentum SGD", "SGD with Nesterov momentum"]},
    "Nesterov Accelerated Gradient": {"aliases": ["Nesterov momentum"]},
    "RMSProp": {},
    "AdaGrad": {},
    "AdaDelta": {},
    "AdaMax": {},
    "NADAM": {"aliases": ["Nadam"]},
    "AMSGrad": {},
    "RAdam": {"aliases": ["Rectified Adam"]},
    "Adabelief": {},
    "AdaBound": {},
    "QHAdam": {},
    "SGDW": {},
    "1-bit Adam": {},
    "LAMB": {"cased": True},
    "LARS": {"cased": True, "aliases": ["Layer-wise Adaptive Rate Scaling"]},
    "Local SGD": {},
    "Natural Gradient Descent": {"aliases": ["natural gradient"]},
    "ADMM": {},
    "Distributed Shampoo": {},
    "SM3": {"cased": True},
    "MADGRAD": {},
    "Cosine Annealing": {},
    "Linear Warmup": {},
    "Linear Warmup With Cosine Annealing": {},
    "Linear Warmup With Linear Decay": {},
    "Inverse Square Root Schedule": {},
    "Slanted Triangular Learning Rates": {},
    "1cycle": {"aliases": ["one-cycle policy", "1cycle policy"]},
    "Cyclical Learning Rate Policy": {"aliases": ["cyclical learning rates"]},
    "Discriminative Fine-Tuning": {},
    "ULMFiT": {},
    "Gradient Sparsification": {},
    "PowerSGD": {},
    "ZeRO-Offload": {},
    "ZeRO-Infinity": {},
    "GPipe": {},
    "PipeDream": {},
    "Population Based Training": {"aliases": ["population-based training"]},
    "FA": {"label": "Feedback Alignment", "no_short": True},
    "DFA": {"label": "Direct Feedback Alignment", "no_short": True},
    # architecture components
    "Scaled Dot-Product Attention": {},
    "Additive Attention": {"aliases": ["Bahdanau attention"]},
    "Dot-Product Attention": {"aliases": ["Luong attention"]},
    "Axial Attention": {},
    "Strided Attention": {},
    "Fixed Factorized Attention": {},
    "LSH Attention": {},
    "FAVOR+": {"cased": True},
    "Talking-Heads Attention": {},
    "Slot Attention": {},
    "Position-Wise Feed-Forward Layer": {"aliases": ["position-wise feed-forward network"]},
    "Absolute Position Encodings": {"aliases": ["absolute position embeddings", "absolute positional encodings"]},
    "Relative Position Encodings": {"aliases": ["relative position embeddings", "relative positional encodings",
                                                "relative position encoding"]},
    "Residual Block": {"aliases": ["residual blocks"]},
    "Bottleneck Residual Block": {},
    "Inverted Residual Block": {},
    "Squeeze-and-Excitation Block": {"aliases": ["squeeze-and-excitation", "SE block", "SE blocks"]},
    "Depthwise Separable Convolution": {"aliases": ["depthwise separable convolutions"]},
    "Depthwise Convolution": {"aliases": ["depthwise convolutions"]},
    "Pointwise Convolution": {},
    "Grouped Convolution": {"aliases": ["group convolution"]},
    "Dilated Convolution": {"aliases": ["atrous convolution", "dilated convolutions"]},
    "Dilated Causal Convolution": {},
    "Causal Convolution": {"aliases": ["causal convolutions"]},
    "Deformable Convolution": {"aliases": ["deformable convolutions"]},
    "Transposed convolution": {"aliases": ["transposed convolutions"]},
    "Gated Convolution": {},
    "Octave Convolution": {},
    "CoordConv": {},
    "Masked Convolution": {},
    "Spatial Pyramid Pooling": {},
    "ASPP": {},
    "Pyramid Pooling Module": {},
    "FPN": {"aliases": ["feature pyramid networks"]},
    "BiFPN": {},
    "RPN": {"aliases": ["region proposal networks"]},
    "RoIAlign": {"aliases": ["RoI Align"]},
    "RoIPool": {"aliases": ["RoI pooling"]},
    "Non Maximum Suppression": {"aliases": ["NMS", "non-maximum suppression"]},
    "Soft-NMS": {},
    "Selective Search": {"cased": True},
    "SPADE": {"cased": True},
    "PatchGAN": {},
    "Projection Discriminator": {},
    "Affine Coupling": {"aliases": ["affine coupling layers"]},
    "Invertible 1x1 Convolution": {},
    "Adaptive Softmax": {},
    "Hierarchical Softmax": {},
    "Mixture of Softmaxes": {},
    "Highway Network": {"aliases": ["highway networks"]},
    "HyperNetwork": {"aliases": ["hypernetworks"]},
    "Siamese Network": {"aliases": ["Siamese networks"]},
    "Pointer Network": {"aliases": ["pointer networks"]},
    "Memory Network": {"aliases": ["memory networks"]},
    "Neural Turing Machine": {"aliases": ["Neural Turing Machines"]},
    "ConvLSTM": {},
    "BiGRU": {},
    "Hopfield Layer": {},
    "Siren": {"label": "SIREN", "cased": True, "aliases": ["sinusoidal representation networks"]},
    # generative models
    "Normalizing Flows": {"aliases": ["normalizing flow"]},
    "RealNVP": {},
    "GLOW": {"label": "Glow", "cased": True},
    "Denoising Autoencoder": {"aliases": ["denoising autoencoders"]},
    "Denoising Score Matching": {},
    "Stochastic Gradient Variational Bayes": {},
    "Restricted Boltzmann Machine": {"aliases": ["RBM", "RBMs", "restricted Boltzmann machines"]},
    "Deep Belief Network": {"aliases": ["deep belief networks"]},
    "SOM": {"label": "self-organizing map", "no_short": True, "aliases": ["self-organizing maps"]},
    "WGAN": {"aliases": ["WGANs"]},
    "WGAN GP": {"label": "WGAN-GP", "no_full": True, "aliases": ["WGAN with gradient penalty"]},
    "DCGAN": {},
    "Relativistic GAN": {},
    "cVAE": {"label": "CVAE", "aliases": ["conditional VAE", "conditional variational autoencoder"]},
    "Beta-VAE": {"aliases": ["beta-VAE", "β-VAE"]},
    "Cycle Consistency Loss": {"aliases": ["cycle-consistency loss"]},
    "GAN Least Squares Loss": {},
    "GAN Hinge Loss": {},
    "WGAN-GP Loss": {"no_short": True, "label": "gradient penalty"},
    # self-supervised and semi-supervised
    "Contrastive Predictive Coding": {"aliases": ["CPC"]},
    "NT-Xent": {},
    "Supervised Contrastive Loss": {},
    "Contrastive Multiview Coding": {},
    "PIRL": {},
    "DeepCluster": {},
    "Noisy Student": {"aliases": ["Noisy Student Training"]},
    "FixMatch": {},
    "Meta Pseudo Labels": {},
    "SimCSE": {},
    "Pattern-Exploiting Training": {},
    # reinforcement learning
    "Double Q-learning": {},
    "Double DQN": {"aliases": ["DDQN"]},
    "Clipped Double Q-learning": {},
    "Target Policy Smoothing": {},
    "N-step Returns": {"aliases": ["n-step returns"]},
    "TD Lambda": {"aliases": ["TD-lambda", "TD(λ)"]},
    "Eligibility Trace": {"aliases": ["eligibility traces"]},
    "Expected Sarsa": {},
    "Retrace": {"cased": True},
    "V-trace": {},
    "Ape-X": {"cased": True},
    "D4PG": {},
    "Go-Explore": {"cased": True},
    "SCST": {},
    # classical ML, search, embeddings
    "Linear Regression": {},
    "ICA": {"aliases": ["independent component analysis"]},
    "Spectral Clustering": {},
    "Tree-structured Parzen Estimator Approach (TPE)": {"label": "Tree-structured Parzen Estimator", "no_short": True,
                                                        "aliases": ["TPE"]},
    "MAML": {},
    "DARTS": {"cased": True},
    "Differentiable NAS": {"label": "differentiable neural architecture search", "no_short": True},
    "Griffin-Lim Algorithm": {"aliases": ["Griffin-Lim"]},
    "Poincaré Embeddings": {},
    "GATv2": {},
    "PixelShuffle": {"aliases": ["pixel shuffle"]},
    "Cluster-GCN": {},
    "GraphSAINT": {},
    "ChebNet": {},
    "DGI": {"aliases": []},
    "RESCAL": {"cased": True},
    "TuckER": {"cased": True},
    "ArcFace": {},
    "Child-Tuning": {},
}


# ---------------------------------------------------------------------------

_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "via", "with"}


def _title(name: str, small: bool) -> str:
    words = re.split(r"([ \-])", name)
    out = []
    for i, w in enumerate(words):
        if w in (" ", "-") or not w:
            out.append(w)
        elif small and i > 0 and w.lower() in _SMALL:
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return "".join(out)


def case_variants(name: str) -> list[str]:
    """The usual capitalisations of a multi-word name (for cased entries)."""
    if not re.search(r"[ \-]", name):
        if name.islower():  # a lower-case word also starts sentences and titles
            return [name, name[:1].upper() + name[1:]]
        return [name]
    if not re.search(r"[a-z]{3}", name):
        return [name]
    words = re.split(r"[ \-]", name)
    acronymish = [w for w in words if re.search(r"[A-Z].*[A-Z]|[0-9]", w)]
    if acronymish and len(acronymish) == len([w for w in words if w]):
        return [name]
    out = [name]
    if not acronymish:
        low = name.lower()
        out += [low, low[:1].upper() + low[1:]]
    out.append(name[:1].upper() + name[1:])
    out.append(_title(name, small=True))
    out.append(_title(name, small=False))
    return out


_BRIT = [(re.compile(r"(?<=[a-z])iz(ation|ations|ing|ed|er|ers|e)\b"), r"is\1"),
         (re.compile(r"\bmodeling\b"), "modelling"), (re.compile(r"\bModeling\b"), "Modelling"),
         (re.compile(r"\bbehavior"), "behaviour")]


def british(name: str) -> str:
    for pat, rep in _BRIT:
        name = pat.sub(rep, name)
    return name


def parse_team(text: str) -> list[dict]:
    entries = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 2 and parts[1] == "c":  # "label | c": flags without aliases
            parts = [parts[0], "", "c"]
        label = parts[0]
        aliases = [a.strip() for a in parts[1].split(";")] if len(parts) > 1 and parts[1] else []
        flags = parts[2].split() if len(parts) > 2 else []
        entry = {"label": label, "aliases": [a for a in aliases if a], "cased": "c" in flags, "source": "team"}
        for flag in flags:
            if flag.startswith("id="):  # the slug of the label is taken ("LoRA+" -> "lora")
                entry["id"] = flag[3:]
        entries.append(entry)
    return entries


def pwc_entries(path: Path) -> list[dict]:
    rows = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.setdefault(r["name"], r)
    entries = []
    for name, opts in PWC.items():
        row = rows.get(name)
        if row is None:
            raise SystemExit(f"PWC method {name!r} is not in {path}")
        names = []
        if not opts.get("no_short"):
            names.append(name)
        full = row.get("full_name")
        if full and not opts.get("no_full"):
            full = re.sub(r"\s*\([^)]*\)\s*$", "", full).strip(" .:")
            names.append(full)
        names += opts.get("aliases", [])
        label = opts.get("label") or names[0]
        aliases = [n for n in names if n != label]
        entries.append({"label": label, "aliases": aliases, "cased": bool(opts.get("cased")),
                        "source": "pwc"})
    return entries


def expand(entry: dict) -> dict:
    names = [entry["label"], *entry["aliases"]]
    more = []
    for n in names:
        more.append(n)
        b = british(n)
        if b != n:
            more.append(b)
    if entry["cased"]:
        more = [v for n in more for v in case_variants(n)]
    seen_keys = {cased_key(entry["label"])} if entry["cased"] else {name_key(entry["label"])}
    aliases = []
    for n in more[1:]:
        k = cased_key(n) if entry["cased"] else name_key(n)
        if k in seen_keys or not k:
            continue
        seen_keys.add(k)
        aliases.append(n)
    return {**entry, "aliases": aliases}


_OTHER_FILES = ("models.jsonl", "benchmarks.jsonl", "datasets.jsonl")


def other_keys() -> dict[str, str]:
    keys = {}
    for fn in _OTHER_FILES:
        if (DATA / fn).exists():
            for entry in read_file(DATA / fn):
                for n in (entry.label, *entry.aliases):
                    keys.setdefault(name_key(n), f"{fn}:{entry.label}")
    for word in read_word_list(DATA / "generic.txt"):
        keys.setdefault(name_key(word), "generic.txt")
    return keys


def other_ids() -> dict[str, str]:
    return {entry.id: f"{fn}:{entry.label}" for fn in _OTHER_FILES if (DATA / fn).exists()
            for entry in read_file(DATA / fn)}


def build(gazetteer: Path) -> tuple[list[dict], list[str]]:
    entries = [expand(e) for e in parse_team(TEAM) + pwc_entries(gazetteer)]
    taken = other_keys()
    warnings = []
    mine: dict[str, str] = {}
    ids = other_ids()
    out = []
    for e in entries:
        keep_names = []
        for n in [e["label"], *e["aliases"]]:
            k = name_key(n)
            if k in mine and mine[k] != e["label"]:
                raise SystemExit(f"{n!r} ({e['label']}) already names technique {mine[k]!r}")
            if k in taken:
                warnings.append(f"dropped {n!r} ({e['label']}): key {k!r} is used by {taken[k]}")
                continue
            if len(k) < 3 and not e["cased"]:
                raise SystemExit(f"{n!r}: key {k!r} is too short")
            mine[k] = e["label"]
            keep_names.append(n)
        if not keep_names:
            continue
        if keep_names[0] != e["label"]:
            warnings.append(f"label {e['label']!r} dropped: entry relabelled {keep_names[0]!r}")
        entry_id = e.get("id") or slug(keep_names[0])
        if entry_id in ids:
            raise SystemExit(f"id {entry_id!r} of {keep_names[0]!r} is already used by {ids[entry_id]}")
        ids[entry_id] = keep_names[0]
        out.append({**({"id": e["id"]} if e.get("id") else {}), "label": keep_names[0],
                    "aliases": keep_names[1:], "cased": e["cased"], "source": e["source"]})
    return out, warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    ap.add_argument("--out", type=Path, default=DATA / "techniques.jsonl")
    args = ap.parse_args(argv)
    entries, warnings = build(args.gazetteer)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    header = ("// Techniques. Generated by scripts/derive_techniques.py: edit the script, not this file.\n"
              "// source \"pwc\": Papers with Code methods (June 2022), CC-BY-SA-4.0; see NOTICE.md.\n")
    lines = [json.dumps(e, ensure_ascii=False) for e in entries]
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    n_pwc = sum(e["source"] == "pwc" for e in entries)
    print(f"{len(entries)} techniques ({len(entries) - n_pwc} team, {n_pwc} pwc) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
