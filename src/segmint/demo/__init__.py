"""A deterministic synthetic shop with known truth, for the demo workspace, tests and benchmarks."""

from segmint.demo.process import BuyingProcess
from segmint.demo.shop import Shop, ShopSpec, generate_shop, iter_shop

__all__ = ["BuyingProcess", "Shop", "ShopSpec", "generate_shop", "iter_shop"]
