"""Organization names -> level, region and channel; China's administrative divisions."""
