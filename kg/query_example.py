"""A small graph for examples and tests: five made-up papers about Llama, Qwen, LoRA and GSM8K."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Evidence

if TYPE_CHECKING:
    from kg.query import KnowledgeGraph



def example_graph() -> KnowledgeGraph:
    """Five made-up papers, hand-annotated: the graph every example in this module asks.

    Llama → Llama-3 → Llama-3-8B → Llama-3-8B-Instruct and Qwen → Qwen2.5 →
    Qwen2.5-7B are lineages; Vicuna is derived from Llama (not a variant).
    """
    from kg.graph import build_graph
    from kg.model import Corpus, Entity, Paper, Relation
    from kg.query import KnowledgeGraph

    models = [("llama", "Llama", None, True), ("llama-3", "Llama-3", "llama", False),
              ("llama-3-8b", "Llama-3-8B", "llama-3", False),
              ("llama-3-8b-instruct", "Llama-3-8B-Instruct", "llama-3-8b", False),
              ("qwen", "Qwen", None, True), ("qwen2.5", "Qwen2.5", "qwen", False),
              ("qwen2.5-7b", "Qwen2.5-7B", "qwen2.5", False)]
    entities = [Entity(key=k, type="Model", label=label, variant_of=parent, is_family=family, in_catalogue=True)
                for k, label, parent, family in models]
    entities += [
        Entity(key="vicuna", type="Model", label="Vicuna", derived_from="llama", in_catalogue=True),
        Entity(key="gsm8k", type="Benchmark", label="GSM8K", aliases=("GSM-8K",), in_catalogue=True),
        Entity(key="math", type="Benchmark", label="MATH", in_catalogue=True),
        Entity(key="humaneval", type="Benchmark", label="HumanEval", in_catalogue=True),
        Entity(key="metamathqa", type="Dataset", label="MetaMathQA", in_catalogue=True),
        Entity(key="lora", type="Technique", label="LoRA", aliases=("Low-Rank Adaptation",), in_catalogue=True),
        Entity(key="dpo", type="Technique", label="DPO", in_catalogue=True),
        Entity(key="cot", type="Technique", label="chain-of-thought", aliases=("CoT",), in_catalogue=True),
    ]
    labels = {e.key: e.label for e in entities}
    papers = [
        ("p1", "Math reasoning with LoRA", "2024-05-01",
         ["We fine-tune Llama-3-8B-Instruct with LoRA on MetaMathQA.",
          "It improves accuracy on GSM8K and MATH."],
         [("fineTunes", "llama-3-8b-instruct", 0), ("usesTechnique", "lora", 0), ("trainsOn", "metamathqa", 0),
          ("evaluatesOn", "gsm8k", 1), ("evaluatesOn", "math", 1)]),
        ("p2", "Qwen learns to code", "2024-06-10",
         ["We fine-tune Qwen2.5-7B with DPO and LoRA.",
          "Results on HumanEval and GSM8K improve."],
         [("fineTunes", "qwen2.5-7b", 0), ("usesTechnique", "dpo", 0), ("usesTechnique", "lora", 0),
          ("evaluatesOn", "humaneval", 1), ("evaluatesOn", "gsm8k", 1)]),
        ("p3", "Speculative decoding for Llama", "2024-05-20",
         ["We evaluate Llama-3 with chain-of-thought prompting on GSM8K.",
          "Unlike LoRA, our method needs no training."],
         [("evaluates", "llama-3", 0), ("usesTechnique", "cot", 0), ("evaluatesOn", "gsm8k", 0),
          ("mentions", "lora", 1)]),
        ("p4", "Chatting with Vicuna", "--06-01",
         ["We fine-tune Vicuna for dialogue."],
         [("fineTunes", "vicuna", 0)]),
        ("p5", "A harder math benchmark", "2024-06-15",
         ["We evaluate Qwen2.5 and Llama-3-8B on MATH."],
         [("evaluates", "qwen2.5", 0), ("evaluates", "llama-3-8b", 0), ("evaluatesOn", "math", 0)]),
    ]
    paper_records, relations = [], []
    for key, title, date, sentences, edges in papers:
        abstract = " ".join(sentences)
        paper_records.append(Paper(key=key, title=title, abstract=abstract, date=date))
        for predicate, entity, n in edges:
            sentence = sentences[n]
            offset = abstract.index(sentence)
            at = sentence.index(labels[entity])
            ev = Evidence(sentence=sentence, start=offset + at, end=offset + at + len(labels[entity]),
                          sentence_start=offset, rule="example", confidence=1.0)
            relations.append(Relation(paper=key, predicate=predicate, entity=entity, evidence=(ev,)))
    return KnowledgeGraph(build_graph(Corpus(papers=tuple(paper_records), entities=tuple(entities),
                                             relations=tuple(relations))))
