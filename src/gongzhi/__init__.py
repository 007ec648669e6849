"""gongzhi (共治): a platform on which a district governs its neighbourhoods with its residents."""
