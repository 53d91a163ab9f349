from articles import A
ITEMS = []
